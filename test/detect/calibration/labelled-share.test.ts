import { describe, expect, it } from 'vitest';
import { heldOutPrefix, meanOnLabelled, prefixBound, topStep } from '../../../src/detect/calibration/labelled-share.js';
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
  return { score, labelled, weight: score.map(() => 1), fold: score.map((_, i) => i % 5) };
}

/** The sample's own labelled share: labelled fraud / fraud. */
function realised(rows: { labelled: number[] }, fraud: number): number {
  return rows.labelled.reduce((n, y) => n + y, 0) / fraud;
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

describe('heldOutPrefix', () => {
  const shapes = [
    { fraud: 600, c: 0.4 },
    { fraud: 600, c: 0.05 },
    { fraud: 150, c: 0.45 },
  ];
  for (const { fraud, c } of shapes) {
    it(`reads the labelled share within 15 % when the top of the ranking is fraud (${fraud} fraud, c ${c}, six samples)`, () => {
      for (let seed = 1; seed <= 6; seed++) {
        const rows = sample(20_000, fraud, c, 10, seed);
        const ratio = heldOutPrefix(rows, 5) / realised(rows, fraud);
        expect(ratio).toBeGreaterThan(0.85);
        expect(ratio).toBeLessThan(1.15);
      }
    });
  }

  it('is not low by a margin where the highest bound is: few labels among many fraud', () => {
    for (let seed = 1; seed <= 6; seed++) {
      const rows = sample(20_000, 600, 0.05, 10, seed);
      const truth = realised(rows, 600);
      expect(prefixBound(rows) / truth).toBeLessThan(0.8);
      expect(Math.abs(heldOutPrefix(rows, 5) / truth - 1)).toBeLessThan(0.12);
    }
  });

  it('stays far below the labelled share when nothing separates fraud', () => {
    expect(heldOutPrefix(sample(20_000, 600, 0.4, 0.3, 7), 5)).toBeLessThan(0.1);
  });

  it('reads nothing when no fold has a prefix to choose', () => {
    expect(heldOutPrefix({ score: [3, 2, 1], labelled: [1, 1, 0], weight: [1, 1, 1], fold: [0, 1, 2] }, 3)).toBe(0);
  });
});

describe('topStep (Elkan and Noto e3)', () => {
  it('leans high: the highest step is chosen on the rows it is read on', () => {
    let above = 0;
    for (let seed = 1; seed <= 6; seed++) {
      const rows = sample(20_000, 600, 0.05, 10, seed);
      if (topStep(rows, 50) > realised(rows, 600)) above++;
    }
    expect(above).toBeGreaterThanOrEqual(5);
  });
});
