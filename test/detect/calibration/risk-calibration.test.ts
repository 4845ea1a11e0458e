import { describe, expect, it } from 'vitest';
import { calibrateRisk, riskWithoutLabel, type HeldOutScores } from '../../../src/detect/calibration/risk-calibration.js';
import { mulberry32 } from '../../../src/detect/seeded-random.js';

const options = { folds: 5, minFraudLabels: 30, minAuc: 0.7, labelledSharePrior: 0.5 };

/** 20,000 accounts, 600 fraud in groups; each fraud labelled with probability c; fraud scores `separation` higher. */
function rows(c: number, separation: number, seed = 11): { held: HeldOutScores; fraud: Uint8Array } {
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
    labelled[i] = fraud[i] && random() < c ? 1 : 0;
  }
  return { held: { score, unaided: score, labelled, grouped, weight: new Float64Array(n).fill(1), fold: Uint8Array.from(score, (_, i) => i % 5) }, fraud };
}

function count(a: Uint8Array): number {
  return a.reduce((n, x) => n + x, 0);
}

describe('calibrateRisk', () => {
  it('recovers the expected fraud among the unlabelled when the ranking separates fraud', () => {
    const { held, fraud } = rows(0.4, 6);
    const calibration = calibrateRisk(held, count(held.labelled), 0.9, options);
    expect(calibration.method).toBe('isotonic');
    expect(calibration.weak).toBe(false);
    expect(calibration.labelledShareMethod).toBe('prefix-bound');
    let expected = 0;
    let truth = 0;
    for (let i = 0; i < held.score.length; i++) {
      if (held.labelled[i]) continue;
      expected += riskWithoutLabel(calibration, held.score[i]!, held.unaided[i]!);
      truth += fraud[i]!;
    }
    expect(expected / truth).toBeGreaterThan(0.8);
    expect(expected / truth).toBeLessThan(1.3);
    expect(calibration.reliability.length).toBeGreaterThan(1);
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
