import { describe, expect, it } from 'vitest';
import { scoreOrder } from '../../src/detect/score-order.js';

/** The order as a comparison sort of the indexes with (score, index) as the key gives it. */
function sortedIndexes(score: number[], descending: boolean): number[] {
  return Array.from({ length: score.length }, (_, i) => i).sort((a, b) => (descending ? score[b]! - score[a]! : score[a]! - score[b]!) || a - b);
}

describe('scoreOrder', () => {
  it('orders indexes by score either way, equal scores (0 and -0 among them) in index order', () => {
    const score = [3, 0, -1, 3, -0, 2.5, 0, -1];
    expect(Array.from(scoreOrder(score, score.length, false))).toEqual([2, 7, 1, 4, 6, 5, 0, 3]);
    expect(Array.from(scoreOrder(score, score.length, true))).toEqual([0, 3, 5, 1, 4, 6, 2, 7]);
  });

  it('is the comparison sort on many tied scores, and on the first n only when told', () => {
    let state = 5;
    const next = () => (state = (Math.imul(state, 1103515245) + 12345) >>> 0) >>> 8;
    const score = Array.from({ length: 30_000 }, () => ((next() % 2000) - 1000) / 37);
    for (const descending of [false, true]) {
      expect(Array.from(scoreOrder(score, score.length, descending))).toEqual(sortedIndexes(score, descending));
      expect(Array.from(scoreOrder(score, 1000, descending))).toEqual(sortedIndexes(score.slice(0, 1000), descending));
    }
  });

  it('takes the comparison sort when a score is NaN', () => {
    const score = [1, Number.NaN, 0, 2];
    for (const descending of [false, true]) expect(Array.from(scoreOrder(score, score.length, descending))).toEqual(sortedIndexes(score, descending));
  });
});
