import { describe, expect, it } from 'vitest';
import { applyIsotonic, fitIsotonic } from '../../../src/detect/calibration/isotonic.js';

describe('fitIsotonic', () => {
  it('pools adjacent violators into non-decreasing steps with weighted means', () => {
    // scores 1..6, outcomes 0 1 0 0 1 1: the 1 at score 2 and the 0s at 3 and 4 pool to 1/3
    const map = fitIsotonic([1, 2, 3, 4, 5, 6], [0, 1, 0, 0, 1, 1], [1, 1, 1, 1, 1, 1]);
    expect(map.from).toEqual([1, 2, 5]);
    expect(map.value[0]).toBe(0);
    expect(map.value[1]).toBeCloseTo(1 / 3, 12);
    expect(map.value[2]).toBe(1);
    expect(map.weight).toEqual([1, 3, 2]);
  });

  it('respects sample weights and treats equal scores as one step', () => {
    const map = fitIsotonic([0, 0, 1], [1, 0, 1], [1, 3, 2]);
    expect(map.from).toEqual([0, 1]);
    expect(map.value).toEqual([0.25, 1]);
  });

  it('keeps the mean of the outcomes (a calibrated map is right on average)', () => {
    const score = Array.from({ length: 200 }, (_, i) => Math.sin(i) * 3);
    const outcome = score.map((s, i) => (s + ((i * 7) % 5) - 2 > 1 ? 1 : 0));
    const weight = score.map(() => 1);
    const map = fitIsotonic(score, outcome, weight);
    const fitted = score.reduce((n, s) => n + applyIsotonic(map, s), 0);
    expect(fitted).toBeCloseTo(outcome.reduce((n: number, y) => n + y, 0), 9);
    for (let i = 1; i < map.value.length; i++) expect(map.value[i]!).toBeGreaterThan(map.value[i - 1]!);
  });
});

describe('applyIsotonic', () => {
  it('reads the step whose range holds the score, the first below it', () => {
    const map = { from: [0, 2, 5], value: [0.1, 0.4, 0.9], weight: [1, 1, 1] };
    expect(applyIsotonic(map, -3)).toBe(0.1);
    expect(applyIsotonic(map, 1.99)).toBe(0.1);
    expect(applyIsotonic(map, 2)).toBe(0.4);
    expect(applyIsotonic(map, 4.5)).toBe(0.4);
    expect(applyIsotonic(map, 50)).toBe(0.9);
    expect(applyIsotonic({ from: [], value: [], weight: [] }, 1)).toBe(0);
  });
});
