import { describe, expect, it } from 'vitest';
import { applyIsotonic, fitIsotonic, type IsotonicMap } from '../../../src/detect/calibration/isotonic.js';

describe('fitIsotonic', () => {
  it('adds up rows of equal score in row order, 0 and -0 being one score', () => {
    // 0.1 + 0.2 + 0.3 in this order is 0.6000000000000001; in any other order it is 0.6
    const map = fitIsotonic([5, 0, 5, -0, 5], [1, 0, 1, 0, 1], [0.1, 1, 0.2, 2, 0.3]);
    expect(map.from).toEqual([0, 5]);
    expect(map.weight).toEqual([3, 0.1 + 0.2 + 0.3]);
    expect(map.weight[1]).not.toBe(0.6);
  });

  it('fits exactly what sorting the rows with (score, row) as the key fitted, on many tied scores', () => {
    let state = 11;
    const next = () => (state = (Math.imul(state, 1103515245) + 12345) >>> 0) >>> 8;
    for (const minWeight of [0, 25]) {
      const n = 5000;
      const score = Array.from({ length: n }, () => (next() % 300) / 7 - 20);
      const outcome = Array.from({ length: n }, () => (next() % 9 === 0 ? 1 : 0));
      const weight = Array.from({ length: n }, () => 0.1 + (next() % 1000) / 97);
      expect(fitIsotonic(score, outcome, weight, minWeight)).toEqual(comparisonSortFit(score, outcome, weight, minWeight));
    }
  });

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

/** The fit as it was written with a comparison sort of the rows: the reference for the order. */
function comparisonSortFit(score: ArrayLike<number>, outcome: ArrayLike<number>, weight: ArrayLike<number>, minWeight = 0): IsotonicMap {
  const order = Array.from({ length: score.length }, (_, i) => i).sort((a, b) => score[a]! - score[b]! || a - b);
  const from: number[] = [];
  const sum: number[] = [];
  const total: number[] = [];
  for (let k = 0; k < order.length; ) {
    // rows with equal scores cannot be told apart: they form one step before pooling
    const s = score[order[k]!]!;
    let y = 0;
    let w = 0;
    while (k < order.length && score[order[k]!] === s) {
      const r = order[k++]!;
      y += weight[r]! * outcome[r]!;
      w += weight[r]!;
    }
    if (w <= 0) continue;
    from.push(s);
    sum.push(y);
    total.push(w);
    // pool while the last step's share is below the one before it
    while (sum.length > 1 && sum[sum.length - 1]! / total[total.length - 1]! <= sum[sum.length - 2]! / total[total.length - 2]!) {
      const y2 = sum.pop()!;
      const w2 = total.pop()!;
      from.pop();
      sum[sum.length - 1]! += y2;
      total[total.length - 1]! += w2;
    }
  }
  // small steps join the step above them; a small last step joins the one below
  for (let i = 0; i < from.length - 1; ) {
    if (total[i]! >= minWeight) {
      i++;
      continue;
    }
    sum[i]! += sum[i + 1]!;
    total[i]! += total[i + 1]!;
    from.splice(i + 1, 1);
    sum.splice(i + 1, 1);
    total.splice(i + 1, 1);
  }
  while (from.length > 1 && total[from.length - 1]! < minWeight) {
    const last = from.length - 1;
    sum[last - 1]! += sum.pop()!;
    total[last - 1]! += total.pop()!;
    from.pop();
  }
  return { from, value: sum.map((y, i) => y / total[i]!), weight: total };
}
