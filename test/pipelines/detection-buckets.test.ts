import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { nightly } from '../../pipelines/nightly.js';
import { parseConfig } from '../../src/config/config.js';
import { createLogger } from '../../src/log.js';
import { readManifest } from '../../src/run/run-files.js';
import { tempDir } from '../support/temp-dir.js';
import { worldSnapshot } from '../support/world-snapshot.js';

const log = createLogger({ silent: true });

/** The files a night's answer is read from, and the manifest's account of the fit, the calibration and the decision. */
async function answerOf(runPath: string): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  for (const name of ['clusters.csv', 'members.csv', 'candidates.csv', 'evidence.ndjson']) files[name] = await readFile(join(runPath, name), 'utf8');
  files.detection = JSON.stringify((await readManifest(runPath)).detection);
  return files;
}

async function nightIn(input: string, buckets: number, raw: object): Promise<Record<string, string>> {
  const result = await nightly({ input, stateDir: await tempDir(), config: parseConfig(raw), runId: 'buckets', log, allowDevelopmentPanKey: true, detectionBuckets: buckets });
  return answerOf(result.runPath);
}

// Detection by buckets of whole components is how workers will share a night that one process
// cannot hold: the answer must not depend on how the components are split.
describe('detection in buckets of whole components', () => {
  it('writes the same files for 1, 3 and 16 buckets on the demo sample', async () => {
    const input = 'data-samples/sample';
    const one = await nightIn(input, 1, {});
    expect(one['candidates.csv']!.split('\n').length).toBeGreaterThan(10);
    for (const buckets of [3, 16]) expect(await nightIn(input, buckets, {})).toEqual(one);
  }, 120_000);

  it('writes the same files for 1, 3 and 16 buckets on a giant-component world, with the training samples drawn', async () => {
    const snapshot = await worldSnapshot('giant-component', { accounts: 20_000, seed: 5 });
    const capped = { model: { maxTrainingAccounts: 1000, maxGroupedTrainingAccounts: 1000 } };
    const one = await nightIn(snapshot.dir, 1, capped);
    expect(one['candidates.csv']!.split('\n').length).toBeGreaterThan(100);
    for (const buckets of [3, 16]) expect(await nightIn(snapshot.dir, buckets, capped)).toEqual(one);
  }, 300_000);
});
