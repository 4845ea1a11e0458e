import { describe, expect, it } from 'vitest';
import { averagePrecision, expectedCalibrationError, nightRiskQuality, riskQuality } from '../../src/evaluate/risk-quality.js';
import type { Truth } from '../../src/evaluate/truth.js';

describe('expectedCalibrationError', () => {
  it('is 0 when each bin predicts its own fraud share, and the weighted gap otherwise', () => {
    // bin 0.0–0.1: predicted 0.05 ×4, 0 fraud → gap 0.2 over 4 of 8; bin 0.9–1: 0.95 ×4, 4 fraud → gap 0.2
    const predicted = [0.05, 0.05, 0.05, 0.05, 0.95, 0.95, 0.95, 0.95];
    const outcome = [0, 0, 0, 0, 1, 1, 1, 1];
    expect(expectedCalibrationError(predicted, outcome)).toBeCloseTo(0.05, 12);
    expect(expectedCalibrationError([0.5, 0.5], [1, 0])).toBe(0);
    expect(expectedCalibrationError([0.9, 0.9], [0, 0])).toBeCloseTo(0.9, 12);
  });
});

describe('averagePrecision', () => {
  it('is 1 for a perfect ranking and counts a tie at the precision after the whole tie', () => {
    expect(averagePrecision([0.9, 0.8, 0.1], [1, 1, 0])).toBe(1);
    // fraud at ranks 1 and 3: (1/1 + 2/3) / 2
    expect(averagePrecision([0.9, 0.8, 0.7], [1, 0, 1])).toBeCloseTo((1 + 2 / 3) / 2, 12);
    // all tied: precision 2/3 for both
    expect(averagePrecision([0.5, 0.5, 0.5], [1, 0, 1])).toBeCloseTo(2 / 3, 12);
    expect(averagePrecision([0.5], [0])).toBeNaN();
  });
});

describe('riskQuality', () => {
  it('judges only the accounts without a fraud label, and the lift of the queue among them', () => {
    const risk = [0.99, 0.8, 0.6, 0.1, 0.1, 0.1, 0.1, 0.1];
    const fraud = [1, 1, 0, 1, 0, 0, 0, 0];
    const labelled = [1, 0, 0, 0, 0, 0, 0, 0];
    const queued = [1, 1, 1, 0, 0, 0, 0, 0];
    const q = riskQuality(risk, fraud, labelled, queued);
    expect(q.unlabelled).toBe(7);
    expect(q.unlabelledFraud).toBe(2);
    expect(q.expectedFraud).toBeCloseTo(1.9, 12);
    expect(q.expectedFraudRatio).toBeCloseTo(0.95, 12);
    expect(q.newCandidates).toBe(2);
    expect(q.newCandidateFraud).toBe(1);
    // 1 of 2 new candidates is fraud, against 2 of 7 at random
    expect(q.lift).toBeCloseTo(0.5 / (2 / 7), 12);
    // 1 % of 8 accounts is one: the unlabelled account of highest risk, which is fraud
    expect(q.top).toMatchObject({ accounts: 1, fraud: 1 });
    expect(q.top.lift).toBeCloseTo(1 / (2 / 7), 12);
    // mean risk holds 0.05 all the way down: every unlabelled account
    expect(q.lowerTarget).toMatchObject({ target: 0.05, accounts: 7, fraud: 2 });
    expect(q.lowerTarget.lift).toBeCloseTo(1, 12);
    expect(q.proximityAveragePrecision).toBeNull();
  });

  it('ranks by proximity alone when given it', () => {
    const fraud = [1, 0, 0, 1];
    const q = riskQuality([0.9, 0.8, 0.1, 0.1], fraud, [0, 0, 0, 0], [0, 0, 0, 0], [0, 1, 0, 2]);
    // proximity puts the fraud at 3 first, then the honest 1, then the fraud at 0 tied with 2
    expect(q.proximityAveragePrecision).toBeCloseTo((1 + 2 / 4) / 2, 12);
    expect(q.proximityTop).toMatchObject({ accounts: 1, fraud: 1 });
    expect(q.proximityTop!.lift).toBeCloseTo(2, 12);
  });
});

describe('nightRiskQuality', () => {
  it('matches the run to the truth by account id, whatever the order on either side, and gives the true labelled share', () => {
    const truth: Truth = {
      index: new Map([['A', 0], ['B', 1], ['C', 2], ['D', 3]]),
      ringOf: Int32Array.from([0, 0, -1, -1]),
      ringIds: ['R1'],
      ringSizes: [2],
      fraud: Uint8Array.from([1, 1, 1, 0]),
      fraudAccounts: 3,
    };
    // the run lists D, C, B, A; A carries a fraud label; B is queued
    const q = nightRiskQuality({ ids: ['D', 'C', 'B', 'A'], risk: Float32Array.from([0.25, 0.5, 1, 1]), fraudLabel: Uint8Array.from([0, 0, 0, 1]) }, [2], truth);
    expect(q.unlabelled).toBe(3);
    expect(q.unlabelledFraud).toBe(2);
    expect(q.expectedFraud).toBeCloseTo(1.75, 6);
    expect(q.newCandidates).toBe(1);
    expect(q.newCandidateFraud).toBe(1);
    expect(q.trueLabelledShare).toBeCloseTo(1 / 3, 12);
  });
});
