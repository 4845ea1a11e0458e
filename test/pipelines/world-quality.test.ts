import { describe, expect, it } from 'vitest';
import { nightly } from '../../pipelines/nightly.js';
import { parseConfig } from '../../src/config/config.js';
import { evaluateRun } from '../../src/evaluate/evaluate-run.js';
import { nightRiskQuality } from '../../src/evaluate/risk-quality.js';
import { readTruth } from '../../src/evaluate/truth.js';
import type { WorldName } from '../../src/generate/worlds/world-spec.js';
import { createLogger } from '../../src/log.js';
import { tempDir } from '../support/temp-dir.js';
import { worldSnapshot } from '../support/world-snapshot.js';

const log = createLogger({ silent: true });
const config = parseConfig({});

interface Floor {
  /** candidate precision at least (null: no floor, the world queues too few to judge) */
  precision: number | null;
  /** recall over the fraud accounts that non-hub identifiers reach */
  reachableRecall: number;
  pairwiseF1: number | null;
  /** the most candidates, as a share of all accounts */
  maxCandidateShare: number;
  /** the most expected calibration error over accounts without a fraud label, against truth */
  maxCalibrationError: number;
  /** Σ risk over accounts without a fraud label, over the true number of fraud among them: the range it stays in */
  expectedFraudRatio: [number, number];
}

/**
 * The quality each world holds on a small snapshot (10,000 accounts, seed 1, never used for
 * tuning): floors under what was measured there (each comment), not the targets (the full matrix
 * is `npm run bench:quality`). Worlds with fewer than 30 fraud labels there run on the priors,
 * not calibrated, and their Σ risk runs 2–3× the fraud; the others are calibrated out of fold.
 * Calibration is judged over the accounts without a fraud label, against truth.
 */
const floors: Record<WorldName, Floor> = {
  // priors, not calibrated (12 fraud labels): measured P 0.986, R 0.953, F1 0.960, ECE 0.055, Σ risk 2.76× the fraud
  current: { precision: 0.95, reachableRecall: 0.92, pairwiseF1: 0.93, maxCandidateShare: 0.035, maxCalibrationError: 0.065, expectedFraudRatio: [1.8, 3.5] },
  // no labels: 0.819, 1.000, 0.908, 0.072, 2.17×
  'identity-only': { precision: 0.78, reachableRecall: 0.95, pairwiseF1: 0.87, maxCandidateShare: 0.085, maxCalibrationError: 0.085, expectedFraudRatio: [1.5, 3] },
  // calibrated on 42 labels: 0.840, 0.925, 0.861, 0.004, 1.96× (labelled share 0.415 against a true 0.500 on 21 labelled fraud)
  'household-p2p': { precision: 0.73, reachableRecall: 0.9, pairwiseF1: 0.8, maxCandidateShare: 0.011, maxCalibrationError: 0.015, expectedFraudRatio: [1, 2.5] },
  // priors (12 labels): 0.985, 0.647, 0.889, 0.055, 2.52×
  'slow-quiet': { precision: 0.95, reachableRecall: 0.6, pairwiseF1: 0.85, maxCandidateShare: 0.025, maxCalibrationError: 0.065, expectedFraudRatio: [1.6, 3.3] },
  // priors (12 labels): 0.979, 0.927, 0.955, 0.056, 2.74×
  'look-alikes': { precision: 0.94, reachableRecall: 0.88, pairwiseF1: 0.92, maxCandidateShare: 0.035, maxCalibrationError: 0.065, expectedFraudRatio: [1.8, 3.5] },
  // calibrated on 53 labels, a third of them on honest accounts (read with the prior share in the bulk): 0.985, 0.450, 0.665, 0.011, 0.69×.
  // Short of the recall: the labelled share is read above the truth here (Σ risk 0.69×), so
  // half the rings sit under the member threshold; with bridges that need two accounts on each side
  // their pieces also stay apart (0.670 and 0.920 before that)
  'noisy-labels': { precision: 0.92, reachableRecall: 0.4, pairwiseF1: 0.6, maxCandidateShare: 0.028, maxCalibrationError: 0.02, expectedFraudRatio: [0.6, 1.3] },
  // calibrated on 31 labels: 0.981, 0.834, 0.924, 0.007, 0.86×
  'giant-component': { precision: 0.95, reachableRecall: 0.8, pairwiseF1: 0.9, maxCandidateShare: 0.052, maxCalibrationError: 0.02, expectedFraudRatio: [0.75, 1.4] },
  // weak evidence (grouped AUC under 0.7): no candidates, ECE 0.001, Σ risk 1.28× (the bar is within 2×)
  'p2p-real': { precision: null, reachableRecall: 0, pairwiseF1: null, maxCandidateShare: 0.01, maxCalibrationError: 0.005, expectedFraudRatio: [0.5, 2] },
};

describe('quality floor of every generated world', () => {
  for (const [world, floor] of Object.entries(floors) as Array<[WorldName, Floor]>) {
    it(`${world}: precision ≥ ${floor.precision}, reachable recall ≥ ${floor.reachableRecall}, pairwise F1 ≥ ${floor.pairwiseF1}, calibration error ≤ ${floor.maxCalibrationError}, Σ risk / fraud in ${floor.expectedFraudRatio.join('–')}`, async () => {
      const snapshot = await worldSnapshot(world, { accounts: 10_000, seed: 1 });
      const result = await nightly({ input: snapshot.dir, stateDir: await tempDir(), config, runId: 'floor', log });
      const e = await evaluateRun(result.runPath, snapshot.truth, { snapshotDir: snapshot.dir, config: config.config });
      const q = nightRiskQuality(result.detection!.accountRisk, result.detection!.candidates.map((c) => c.account), await readTruth(snapshot.truth));
      if (floor.precision !== null) expect(e.candidates.precision).toBeGreaterThanOrEqual(floor.precision);
      expect(e.reachable!.recall).toBeGreaterThanOrEqual(floor.reachableRecall);
      if (floor.pairwiseF1 !== null) expect(e.pairwise.f1).toBeGreaterThanOrEqual(floor.pairwiseF1);
      const { candidates, accounts } = result.manifest.counts;
      expect(candidates / accounts).toBeLessThanOrEqual(floor.maxCandidateShare);
      expect(result.detection!.stats.candidatesOverBudget).toBe(0);
      expect(q.calibrationError).toBeLessThanOrEqual(floor.maxCalibrationError);
      expect(q.expectedFraudRatio).not.toBeNull();
      expect(q.expectedFraudRatio!).toBeGreaterThanOrEqual(floor.expectedFraudRatio[0]);
      expect(q.expectedFraudRatio!).toBeLessThanOrEqual(floor.expectedFraudRatio[1]);
    }, 120_000);
  }
});
