/**
 * npm run bench:quality [-- --worlds current,identity-only --seeds 9001,9002,9003 --accounts 20000 --json out.json --config cfg.json]
 *
 * The quality matrix: every generator world × seeds that were never used for tuning. Each cell
 * generates the world (cached under bench-data/quality/), runs the nightly pipeline in-process
 * with the file sink into a temporary state folder, and scores the run against the planted truth,
 * including the recall over ring members that non-hub identifiers can reach, and the night's
 * risks against the truth over the accounts that carried no fraud label: expected calibration
 * error, Σ risk against the true count, average precision of the ranking, and the lift of the
 * queue over picking at random. The labelled share the night estimated is set beside the true
 * one (labelled fraud / all fraud). For a team that would read deeper than the precision target
 * lets the queue go: the top 1 % of accounts by risk among the unlabelled, and the longest run
 * whose mean risk holds 0.05, each with its lift; and proximity to known fraud alone as a
 * ranking (AP, top 1 % lift) beside the model. A benchmark, not a test: it asserts nothing.
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
import { nightRiskQuality } from '../src/evaluate/risk-quality.js';
import { readTruth } from '../src/evaluate/truth.js';
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
  pairwisePrecision: number | null;
  pairwiseRecall: number | null;
  pairwiseF1: number | null;
  /** Candidates as a share of all accounts. */
  candidateShare: number;
  fraudLabels: number;
  /** Average precision of the ranking by risk over accounts without a fraud label. */
  averagePrecision: number | null;
  /** Expected calibration error over accounts without a fraud label, against truth. */
  calibrationError: number;
  /** Σ risk over accounts without a fraud label, the true number of fraud among them, and the ratio. */
  expectedFraud: number;
  unlabelledFraud: number;
  expectedFraudRatio: number | null;
  /** Precision of the candidates not already labelled over the fraud rate among unlabelled accounts. */
  lift: number | null;
  newCandidates: number;
  /** the top 1 % of accounts by risk among the unlabelled: how many, fraud among them, lift */
  top: { accounts: number; fraud: number; lift: number | null };
  /** the longest run by risk among the unlabelled whose mean risk holds a lower target (0.05) */
  lowerTarget: { target: number; accounts: number; fraud: number; lift: number | null };
  /** proximity to known fraud alone as the ranking: AP and the lift of its top 1 % */
  proximityAveragePrecision: number | null;
  proximityTopLift: number | null;
  /** How the night calibrated, the labelled share it used and what it estimated, and the true share. */
  calibration: string;
  weak: boolean;
  heldOutAuc: number | null;
  groupedAuc: number | null;
  labelledShare: number | null;
  labelledShareEstimates: Array<{ method: string; value: number }>;
  trueLabelledShare: number | null;
  queueExpectedPrecision: number | null;
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
      const n = (x: number | undefined | null): number | null => (x === undefined || x === null || Number.isNaN(x) ? null : x);
      const truth = await readTruth(join(data, 'truth.csv'));
      const q = nightRiskQuality(result.detection!.accountRisk, result.detection!.candidates.map((c) => c.account), truth);
      const cal = result.detection!.calibration;
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
        pairwisePrecision: n(e.pairwise.precision),
        pairwiseRecall: n(e.pairwise.recall),
        pairwiseF1: n(e.pairwise.f1),
        candidateShare: e.candidates.candidates / e.accounts,
        fraudLabels: cal.fraudLabels,
        averagePrecision: n(q.averagePrecision),
        calibrationError: q.calibrationError,
        expectedFraud: q.expectedFraud,
        unlabelledFraud: q.unlabelledFraud,
        expectedFraudRatio: q.expectedFraudRatio,
        lift: q.lift,
        newCandidates: q.newCandidates,
        top: { accounts: q.top.accounts, fraud: q.top.fraud, lift: q.top.lift },
        lowerTarget: { target: q.lowerTarget.target, accounts: q.lowerTarget.accounts, fraud: q.lowerTarget.fraud, lift: q.lowerTarget.lift },
        proximityAveragePrecision: n(q.proximityAveragePrecision),
        proximityTopLift: q.proximityTop?.lift ?? null,
        calibration: cal.method,
        weak: cal.weak,
        heldOutAuc: cal.heldOutAuc,
        groupedAuc: cal.groupedAuc,
        labelledShare: cal.labelledShare,
        labelledShareEstimates: cal.labelledShareEstimates,
        trueLabelledShare: q.trueLabelledShare,
        queueExpectedPrecision: result.detection!.decision.expectedPrecision,
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
    ['world', 'seed', 'ring acc.', 'cand. P', 'cand. R', 'reach. R', 'ceiling', 'pair P', 'pair R', 'pair F1', 'cand. %', 'lift', 'AP', 'wall s'],
    cells.map((c) => [
      c.world,
      c.seed,
      c.ringAccounts,
      f(c.candidatePrecision),
      f(c.candidateRecall),
      f(c.reachableRecall),
      f(c.reachableCeiling),
      f(c.pairwisePrecision),
      f(c.pairwiseRecall),
      f(c.pairwiseF1),
      f(100 * c.candidateShare, 2),
      f(c.lift, 1),
      f(c.averagePrecision),
      f(c.wallSeconds, 1),
    ]),
  ),
);
console.log();
console.log(
  formatTable(
    ['world', 'seed', 'labels', 'calibration', 'grp AUC', 'c used', 'c bound', 'c split', 'c top', 'c e1', 'c true', 'ECE', 'Σ risk', 'unl. fraud', 'ratio', 'queue E[P]'],
    cells.map((c) => [
      c.world,
      c.seed,
      c.fraudLabels,
      `${c.calibration}${c.weak ? ' (weak)' : ''}`,
      f(c.groupedAuc),
      f(c.labelledShare),
      f(c.labelledShareEstimates.find((x) => x.method === 'prefix-bound')?.value ?? null),
      f(c.labelledShareEstimates.find((x) => x.method === 'held-out-prefix')?.value ?? null),
      f(c.labelledShareEstimates.find((x) => x.method === 'top-step')?.value ?? null),
      f(c.labelledShareEstimates.find((x) => x.method === 'mean-on-labelled')?.value ?? null),
      f(c.trueLabelledShare),
      f(c.calibrationError, 4),
      f(c.expectedFraud, 1),
      c.unlabelledFraud,
      f(c.expectedFraudRatio, 2),
      f(c.queueExpectedPrecision),
    ]),
  ),
);
console.log();
console.log(
  formatTable(
    ['world', 'seed', 'new cand.', 'lift', 'top 1 %', 'fraud', 'lift', `at ${cells[0]?.lowerTarget.target ?? 'lower'}`, 'fraud', 'lift', 'AP', 'prox. AP', 'prox. top 1 % lift'],
    cells.map((c) => [
      c.world,
      c.seed,
      c.newCandidates,
      f(c.lift, 1),
      f(c.top.accounts, 0),
      f(c.top.fraud, 1),
      f(c.top.lift, 1),
      c.lowerTarget.accounts,
      c.lowerTarget.fraud,
      f(c.lowerTarget.lift, 1),
      f(c.averagePrecision),
      f(c.proximityAveragePrecision),
      f(c.proximityTopLift, 1),
    ]),
  ),
);
if (values.json) {
  await writeFile(values.json, `${JSON.stringify({ accounts, seeds, worlds, configHash: loaded.hash, cells }, null, 2)}\n`);
  console.log(`written ${values.json}`);
}
