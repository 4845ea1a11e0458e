import { describe, expect, it } from 'vitest';
import { keptBySample, offsetsInMergedOrder } from '../../../src/detect/buckets/training-sample.js';

describe('keptBySample', () => {
  it('keeps exactly the accounts a running quota over the whole order keeps', () => {
    for (const rate of [1, 0.5, 1000 / 2240, 250 / 254, 0.013]) {
      let accepted = 0;
      for (let k = 1; k <= 5000; k++) {
        const running = Math.floor(k * rate) !== accepted;
        if (running) accepted++;
        expect(keptBySample(k, rate)).toBe(running);
      }
      expect(accepted).toBe(Math.floor(5000 * rate));
    }
  });
});

describe('offsetsInMergedOrder', () => {
  it('counts, for each key of each list, the items of all lists with smaller keys', () => {
    const lists = [
      { keys: Int32Array.of(2, 9, 30), counts: Int32Array.of(1, 4, 2) },
      { keys: Int32Array.of(0, 10), counts: Int32Array.of(3, 5) },
      { keys: Int32Array.of(), counts: Int32Array.of() },
    ];
    // merged order: 0 (3), 2 (1), 9 (4), 10 (5), 30 (2)
    expect(offsetsInMergedOrder(lists).map((o) => Array.from(o))).toEqual([[3, 4, 13], [0, 8], []]);
    expect(offsetsInMergedOrder([{ keys: Int32Array.of(1, 5) }, { keys: Int32Array.of(3) }]).map((o) => Array.from(o))).toEqual([[0, 2], [1]]);
  });
});
