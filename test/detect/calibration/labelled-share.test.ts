import { describe, expect, it } from 'vitest';
import { meanOnLabelled, prefixBound } from '../../../src/detect/calibration/labelled-share.js';
import { mulberry32 } from '../../../src/detect/seeded-random.js';

/** A PU sample: `fraud` of `n` accounts are fraud, each labelled with probability c; fraud scores `separation` higher. */
function sample(n: number, fraud: number, c: number, separation: number, seed: number) {
  const random = mulberry32(seed);
  const score: number[] = [];
  const labelled: number[] = [];
  for (let i = 0; i < n; i++) {
    const isFraud = i < fraud;
    score.push((isFraud ? separation : 0) + random() * 2 + random() * 2);
    labelled.push(isFraud && random() < c ? 1 : 0);
  }
  return { score, labelled, weight: score.map(() => 1) };
}

describe('prefixBound', () => {
  it('comes close to the labelled share from below when the ranking separates fraud well', () => {
    const rows = sample(20_000, 600, 0.4, 10, 7);
    const c = prefixBound(rows);
    expect(c).toBeLessThanOrEqual(0.4 + 0.03);
    expect(c).toBeGreaterThan(0.3);
  });

  it('stays far below the labelled share when nothing separates fraud (no pure prefix)', () => {
    const rows = sample(20_000, 600, 0.4, 0.3, 7);
    expect(prefixBound(rows)).toBeLessThan(0.1);
  });

  it('reads no bound from a handful of rows', () => {
    expect(prefixBound({ score: [3, 2, 1], labelled: [1, 1, 0], weight: [1, 1, 1] })).toBe(0);
  });
});

describe('meanOnLabelled (Elkan and Noto e1)', () => {
  it('collapses when separation is weak: the estimate falls far below the true share', () => {
    const strong = meanOnLabelled(sample(20_000, 600, 0.4, 10, 3));
    const weak = meanOnLabelled(sample(20_000, 600, 0.4, 0.3, 3));
    expect(strong).toBeGreaterThan(0.3);
    expect(weak).toBeLessThan(0.1);
  });
});
