/**
 * npm run bench:quality [-- --worlds current,identity-only --seeds 9001,9002,9003 --accounts 20000 --json out.json --config cfg.json]
 *
 * The quality matrix: every generator world × seeds that were never used for tuning. Each cell
 * generates the world (cached under bench-data/quality/), runs the nightly pipeline in-process
 * with the file sink into a temporary state folder, and scores the run against the planted truth,
 * including the recall over ring members that non-hub identifiers can reach. A benchmark, not a
 * test: it asserts nothing.
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { nightly } from '../pipelines/nightly.js';
import { formatTable } from '../src/cli/format-table.js';
import { loadConfig } from '../src/config/config.js';
import { evaluateRun } from '../src/evaluate/evaluate-run.js';
import { generateSnapshot } from '../src/generate/generate-snapshot.js';
import { worldNames, type WorldName } from '../src/generate/worlds/world-spec.js';
import { createLogger } from '../src/log.js';

/** Seeds of the matrix. Tune on other seeds, or the matrix stops measuring anything. */
const MATRIX_SEEDS = [9001, 9002, 9003];

const { values } = parseArgs({
  options: {
    worlds: { type: 'string', default: worldNames.join(',') },
    seeds: { type: 'string', default: MATRIX_SEEDS.join(',') },
    accounts: { type: 'string', default: '20000' },
    config: { type: 'string' },
    json: { type: 'string' },
    data: { type: 'string', default: join('bench-data', 'quality') },
  },
});

const worlds = values.worlds!.split(',').map((w) => w.trim()).filter((w) => w !== '');
for (const world of worlds) {
  if (!(worldNames as readonly string[]).includes(world)) {
    console.error(`unknown world ${world}: one of ${worldNames.join(', ')}`);
    process.exit(2);
  }
}
const seeds = values.seeds!.split(',').map(Number);
const accounts = Number(values.accounts);
if (seeds.some((s) => !Number.isSafeInteger(s)) || !Number.isSafeInteger(accounts)) {
  console.error('--seeds and --accounts take whole numbers');
  process.exit(2);
}
const loaded = await loadConfig(values.config);
const log = createLogger({ silent: true });

interface Cell {
  world: WorldName;
  seed: number;
  accounts: number;
  ringAccounts: number;
  candidates: number;
  candidatePrecision: number | null;
  candidateRecall: number | null;
  /** Recall over ring members that non-hub identifiers reach, and the share of ring members they are. */
  reachableRecall: number | null;
  reachableCeiling: number | null;
  pairwiseF1: number | null;
  /** Candidates as a share of all accounts. */
  candidateShare: number;
  clusters: number;
  /** Nightly pipeline wall time (generation excluded). */
  wallSeconds: number;
}

const cells: Cell[] = [];
for (const world of worlds as WorldName[]) {
  for (const seed of seeds) {
    const data = resolve(values.data!, `${world}-${accounts}-${seed}`);
    if (!existsSync(join(data, 'truth.csv'))) {
      await rm(data, { recursive: true, force: true });
      await mkdir(data, { recursive: true });
      await generateSnapshot({ accounts, seed, out: data, world });
    }
    const state = await mkdtemp(join(tmpdir(), 'fraud-rings-quality-'));
    try {
      const started = performance.now();
      const result = await nightly({ input: data, stateDir: state, config: loaded, runId: 'quality', log, allowDevelopmentPanKey: true });
      const wallSeconds = (performance.now() - started) / 1000;
      const e = await evaluateRun(result.runPath, join(data, 'truth.csv'), { snapshotDir: data, config: loaded.config });
      const n = (x: number | undefined): number | null => (x === undefined || Number.isNaN(x) ? null : x);
      const cell: Cell = {
        world,
        seed,
        accounts: e.accounts,
        ringAccounts: e.candidates.trueRingAccounts,
        candidates: e.candidates.candidates,
        candidatePrecision: n(e.candidates.precision),
        candidateRecall: n(e.candidates.recall),
        reachableRecall: n(e.reachable?.recall),
        reachableCeiling: n(e.reachable?.ceiling),
        pairwiseF1: n(e.pairwise.f1),
        candidateShare: e.candidates.candidates / e.accounts,
        clusters: e.pairwise.clusters,
        wallSeconds,
      };
      cells.push(cell);
      console.error(`${world} seed ${seed}: done in ${wallSeconds.toFixed(1)} s`);
    } finally {
      await rm(state, { recursive: true, force: true });
    }
  }
}

const f = (x: number | null, digits = 3): string => (x === null ? 'n/a' : x.toFixed(digits));
console.log(
  formatTable(
    ['world', 'seed', 'accounts', 'ring acc.', 'cand. P', 'cand. R', 'reach. R', 'ceiling', 'pair F1', 'cand. %', 'clusters', 'wall s'],
    cells.map((c) => [
      c.world,
      c.seed,
      c.accounts,
      c.ringAccounts,
      f(c.candidatePrecision),
      f(c.candidateRecall),
      f(c.reachableRecall),
      f(c.reachableCeiling),
      f(c.pairwiseF1),
      f(100 * c.candidateShare, 2),
      c.clusters,
      f(c.wallSeconds, 1),
    ]),
  ),
);
if (values.json) {
  await writeFile(values.json, `${JSON.stringify({ accounts, seeds, worlds, configHash: loaded.hash, cells }, null, 2)}\n`);
  console.log(`written ${values.json}`);
}
