import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LoadedConfig } from '../src/config/config.js';
import { checkScoringConfig } from '../src/detect/score-communities.js';
import { configuredNormaliser } from '../src/normalise/configured-normaliser.js';
import { resolvePanKey } from '../src/normalise/pan-key.js';
import { readRejects, RunFile } from '../src/run/run-files.js';
import { inputSettings } from '../src/config/input-settings.js';
import { loadSnapshot } from '../src/snapshot/load-snapshot.js';
import { RejectsFile } from '../src/snapshot/rejects.js';
import type { TableStats } from '../src/snapshot/snapshot.js';

export interface ValidationResult {
  tables: TableStats[];
  /** the first rejected rows: table, line, reason (raw left out) */
  sampleRejects: Array<[string, string, string]>;
  rejectedRows: number;
}

/**
 * `nightly --dry-run`: checks the config and reads the whole snapshot exactly as a run would,
 * without the lock, a run folder or any sink. Throws the same errors a run would.
 */
export async function validate(input: string, loaded: LoadedConfig, sampleSize = 10, allowDevelopmentPanKey = false): Promise<ValidationResult> {
  const { config } = loaded;
  checkScoringConfig(config);
  const { normalise, tokeniseCardNumbers } = configuredNormaliser(config.normalise, resolvePanKey({ envName: config.normalise.panHashKeyEnv, allowDevelopmentKey: allowDevelopmentPanKey }));
  const scratch = await mkdtemp(join(tmpdir(), 'fraud-rings-dry-run-'));
  try {
    const rejects = new RejectsFile(join(scratch, RunFile.rejects));
    let tables: TableStats[];
    try {
      tables = (await loadSnapshot(input, { normalise, tokeniseCardNumbers, rejects, ...inputSettings(config) })).tables;
    } finally {
      await rejects.close();
    }
    const sampleRejects: ValidationResult['sampleRejects'] = [];
    let rejectedRows = 0;
    await readRejects(scratch, ({ table, line, reason }) => {
      if (rejectedRows++ < sampleSize) sampleRejects.push([table, line, reason]);
    });
    return { tables, rejectedRows, sampleRejects };
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}
