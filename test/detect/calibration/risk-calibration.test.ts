import { describe, expect, it } from 'vitest';
import { bulkLabelledShare, calibrateRisk, riskWithoutLabel, type HeldOutScores, type RiskCalibration } from '../../../src/detect/calibration/risk-calibration.js';
import { mulberry32 } from '../../../src/detect/seeded-random.js';

const options = { folds: 5, minFraudLabels: 30, minAuc: 0.7, labelledSharePrior: 0.5 };

/** 20,000 accounts, 600 fraud in groups; each fraud labelled with probability c; fraud scores `separation` higher. */
function rows(c: number, separation: number, seed = 11, honestLabelled = 0): { held: HeldOutScores; fraud: Uint8Array } {
  const random = mulberry32(seed);
  const n = 20_000;
  const score = new Float64Array(n);
  const labelled = new Uint8Array(n);
  const fraud = new Uint8Array(n);
  const grouped = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    fraud[i] = i < 600 ? 1 : 0;
    grouped[i] = i < 2000 ? 1 : 0;
    score[i] = (fraud[i] ? separation : 0) + random() + random() - 4;
    labelled[i] = random() < (fraud[i] ? c : honestLabelled) ? 1 : 0;
  }
  return { held: { score, unaided: score, labelled, grouped, weight: new Float64Array(n).fill(1), fold: Uint8Array.from(score, (_, i) => i % 5) }, fraud };
}

function count(a: Uint8Array): number {
  return a.reduce((n, x) => n + x, 0);
}

/** Σ risk over the unlabelled rows against the fraud among them. */
function expectedOverTrue(calibration: RiskCalibration, held: HeldOutScores, fraud: Uint8Array): number {
  let expected = 0;
  let truth = 0;
  for (let i = 0; i < held.score.length; i++) {
    if (held.labelled[i]) continue;
    expected += riskWithoutLabel(calibration, held.score[i]!, held.unaided[i]!);
    truth += fraud[i]!;
  }
  return expected / truth;
}

describe('calibrateRisk', () => {
  it('recovers the expected fraud among the unlabelled when the ranking separates fraud', () => {
    const { held, fraud } = rows(0.4, 6);
    const calibration = calibrateRisk(held, count(held.labelled), 0.9, options);
    expect(calibration.method).toBe('isotonic');
    expect(calibration.weak).toBe(false);
    expect(calibration.labelledShareMethod).toBe('held-out-prefix');
    const ratio = expectedOverTrue(calibration, held, fraud);
    expect(ratio).toBeGreaterThan(0.8);
    expect(ratio).toBeLessThan(1.3);
    expect(calibration.reliability.length).toBeGreaterThan(1);
  });

  it('does not let labels on honest accounts in the bulk lend every account a risk', () => {
    // a tenth of the fraud labelled, and 0.3 % of honest accounts labelled fraud by mistake:
    // about as many wrong labels as right ones, as on the noisy-labels world
    const { held, fraud } = rows(0.1, 6, 11, 0.003);
    const calibration = calibrateRisk(held, count(held.labelled), 0.9, options);
    expect(calibration.bulkLabelledShare).toBeGreaterThan(0.001);
    // the bulk's labels still count, read with the prior share: about 0.3 % of the bulk on top
    // of the fraud (1.14–1.32× over seeds 11–14)
    const ratio = expectedOverTrue(calibration, held, fraud);
    expect(ratio).toBeGreaterThan(0.8);
    expect(ratio).toBeLessThan(1.4);
    // read with c as the rest of P(labelled) is, the bulk's labels would more than double Σ risk
    expect(expectedOverTrue({ ...calibration, bulkLabelledShare: 0 }, held, fraud)).toBeGreaterThan(2);
  });

  it('reads the labelled share of the lower half, by score, of the rows in no community', () => {
    const score = [1, 2, 3, 4, 5, 6, 7, 8, 0];
    const labelled = [1, 0, 0, 0, 1, 1, 1, 1, 1];
    // the last row is grouped: left out, however low it scores
    const grouped = [0, 0, 0, 0, 0, 0, 0, 0, 1];
    expect(bulkLabelledShare({ score, labelled, weight: score.map(() => 1), grouped })).toBe(0.25);
    // rows of one score enter together
    expect(bulkLabelledShare({ score: [1, 1, 1, 2], labelled: [1, 0, 0, 1], weight: [1, 1, 1, 1], grouped: [0, 0, 0, 0] })).toBeCloseTo(1 / 3);
    // every account grouped: no bulk
    expect(bulkLabelledShare({ score: [1, 2], labelled: [1, 0], weight: [1, 1], grouped: [1, 1] })).toBe(0);
  });

  it('keeps risks low and says the evidence was weak when nothing separates fraud', () => {
    const { held } = rows(0.4, 0.2);
    const calibration = calibrateRisk(held, count(held.labelled), 0.55, options);
    expect(calibration.weak).toBe(true);
    expect(calibration.labelledShareMethod).toBe('prior');
    expect(calibration.labelledShare).toBe(0.5);
    let highest = 0;
    for (let i = 0; i < held.score.length; i++) highest = Math.max(highest, riskWithoutLabel(calibration, held.score[i]!, held.unaided[i]!));
    // nothing comes near the review target: the queue stays empty
    expect(highest).toBeLessThan(0.5);
  });

  it('leaves the priors as they are with too few labels', () => {
    const calibration = calibrateRisk(null, 12, null, options);
    expect(calibration.method).toBe('priors');
    expect(riskWithoutLabel(calibration, 0, -5)).toBe(0.5);
  });
});
