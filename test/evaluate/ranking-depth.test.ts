import { describe, expect, it } from 'vitest';
import { prefixAtPrecision, topOfRanking } from '../../src/evaluate/ranking-depth.js';

describe('topOfRanking', () => {
  it('reads the highest rows, and shares a tie across the cut in proportion', () => {
    const score = [0.9, 0.7, 0.7, 0.7, 0.7, 0.1];
    const fraud = [1, 1, 0, 1, 0, 1];
    // one whole row, then half of the four-row tie holding two fraud
    const top = topOfRanking(score, fraud, 3);
    expect(top.accounts).toBe(3);
    expect(top.fraud).toBeCloseTo(1 + 1, 12);
    expect(top.expectedPrecision).toBeCloseTo((0.9 + 0.7 + 0.7) / 3, 12);
    expect(topOfRanking(score, fraud, 1)).toEqual({ accounts: 1, fraud: 1, expectedPrecision: 0.9 });
  });

  it('reads every row when asked for more than there are', () => {
    expect(topOfRanking([0.2, 0.1], [0, 1], 5)).toEqual({ accounts: 2, fraud: 1, expectedPrecision: 0.15000000000000002 });
  });
});

describe('prefixAtPrecision', () => {
  it('takes the longest run from the top whose mean risk holds the target', () => {
    const risk = [0.9, 0.5, 0.3, 0.1, 0.05];
    const fraud = [1, 0, 1, 0, 0];
    // means: 0.9, 0.7, 0.567, 0.45, 0.37
    expect(prefixAtPrecision(risk, fraud, 0.5)).toMatchObject({ accounts: 3, fraud: 2 });
    expect(prefixAtPrecision(risk, fraud, 0.95)).toEqual({ accounts: 0, fraud: 0, expectedPrecision: null });
  });

  it('never splits a tie', () => {
    // the tie of 0.2 brings the mean from 0.9 to 0.375: it enters whole or not at all
    expect(prefixAtPrecision([0.9, 0.2, 0.2, 0.2], [1, 1, 0, 0], 0.5).accounts).toBe(1);
    expect(prefixAtPrecision([0.9, 0.2, 0.2, 0.2], [1, 1, 0, 0], 0.3).accounts).toBe(4);
  });
});
