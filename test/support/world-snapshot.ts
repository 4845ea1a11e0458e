import { join } from 'node:path';
import { generateSnapshot, type GenerateSummary } from '../../src/generate/generate-snapshot.js';
import type { WorldName } from '../../src/generate/worlds/world-spec.js';
import { suiteDir } from './temp-dir.js';

export interface WorldSnapshot {
  /** The snapshot folder (CSV), ready for `nightly --input`. */
  dir: string;
  truth: string;
  summary: GenerateSummary;
}

const made = new Map<string, Promise<WorldSnapshot>>();

/**
 * A small generated snapshot of one world (4,000 accounts unless told), made once per test file
 * and removed after it. For quality floors per world: run the pipeline on `dir`, score it
 * against `truth`.
 */
export function worldSnapshot(world: WorldName, options: { accounts?: number; seed?: number } = {}): Promise<WorldSnapshot> {
  const accounts = options.accounts ?? 4000;
  const seed = options.seed ?? 1;
  const key = `${world}/${accounts}/${seed}`;
  let snapshot = made.get(key);
  if (!snapshot) {
    snapshot = (async () => {
      const dir = await suiteDir(`fraud-rings-${world}-`);
      const summary = await generateSnapshot({ accounts, seed, out: dir, world });
      return { dir, truth: join(dir, 'truth.csv'), summary };
    })();
    made.set(key, snapshot);
  }
  return snapshot;
}
