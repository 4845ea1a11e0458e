import { describe, expect, it } from 'vitest';
import { IdSet } from '../../../src/engine/spark/id-set.js';

describe('IdSet', () => {
  it('counts distinct 64-bit ids through its growth, the id 0 and ids that share a half included', () => {
    const set = new IdSet();
    const seen = new Set<string>();
    let state = 7;
    const next = () => (state = (Math.imul(state, 1103515245) + 12345) | 0);
    for (let i = 0; i < 20_000; i++) {
      // a small range of low halves: many ids share one, and many repeat
      const lo = i % 3 === 0 ? next() & 0xff : next();
      const hi = next() & 0x3;
      const key = `${lo}:${hi}`;
      expect(set.add(lo, hi)).toBe(!seen.has(key));
      seen.add(key);
      expect(set.add(lo, hi)).toBe(false);
    }
    expect(set.add(0, 0)).toBe(!seen.has('0:0'));
    seen.add('0:0');
    expect(set.add(0, 0)).toBe(false);
    expect(set.add(0, 1)).toBe(!seen.has('0:1'));
    seen.add('0:1');
    expect(set.size).toBe(seen.size);
  });
});
