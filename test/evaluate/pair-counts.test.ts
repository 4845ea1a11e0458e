import { describe, expect, it } from 'vitest';
import { pairCounts } from '../../src/evaluate/pair-counts.js';
import { Prng } from '../../src/generate/prng.js';

/** The definition, by enumerating every pair. */
function bruteForce(predicted: number[], actual: number[]) {
  let p = 0;
  let a = 0;
  let c = 0;
  for (let i = 0; i < predicted.length; i++) {
    for (let j = i + 1; j < predicted.length; j++) {
      const samePredicted = predicted[i]! >= 0 && predicted[i] === predicted[j];
      const sameActual = actual[i]! >= 0 && actual[i] === actual[j];
      if (samePredicted) p++;
      if (sameActual) a++;
      if (samePredicted && sameActual) c++;
    }
  }
  return { predicted: p, actual: a, correct: c };
}

describe('pairCounts', () => {
  it('counts pairs from the contingency table, by hand', () => {
    // clusters:  x x x | y y y   (-1: in no cluster)
    // rings:     a a - | a b b
    const predicted = Int32Array.from([0, 0, 0, 1, 1, 1, -1]);
    const actual = Int32Array.from([0, 0, -1, 0, 1, 1, 1]);
    // predicted: C(3,2)+C(3,2) = 6; actual: ring a has 3 → 3, ring b has 3 → 3, so 6;
    // cells: (x,a)=2 → 1, (y,a)=1 → 0, (y,b)=2 → 1: 2 correct
    expect(pairCounts(predicted, actual)).toEqual({ predicted: 6, actual: 6, correct: 2 });
  });

  it('agrees with enumerating all pairs on random labellings', () => {
    const prng = Prng.from(1);
    for (let round = 0; round < 30; round++) {
      const n = prng.int(0, 120);
      const predicted = Array.from({ length: n }, () => prng.int(-1, 6));
      const actual = Array.from({ length: n }, () => prng.int(-1, 4));
      expect(pairCounts(Int32Array.from(predicted), Int32Array.from(actual))).toEqual(bruteForce(predicted, actual));
    }
  });

  it('stays linear for one huge cluster', () => {
    const n = 1_000_000;
    const counts = pairCounts(new Int32Array(n), new Int32Array(n));
    expect(counts.predicted).toBe((n * (n - 1)) / 2);
    expect(counts.correct).toBe(counts.predicted);
  });
});
