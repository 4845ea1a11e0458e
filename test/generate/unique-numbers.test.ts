import { describe, expect, it } from 'vitest';
import { UniqueNumbers, bitsFor } from '../../src/generate/unique-numbers.js';

describe('UniqueNumbers', () => {
  it('is a bijection on [0, 2^bits) for every width', () => {
    for (const bits of [4, 9, 16]) {
      const u = new UniqueNumbers(bits, 12345);
      const seen = new Set<number>();
      let outside = 0;
      for (let slot = 0; slot < u.size; slot++) {
        const x = u.of(slot);
        if (x < 0 || x >= u.size) outside++;
        seen.add(x);
      }
      expect(outside).toBe(0);
      expect(seen.size).toBe(u.size);
    }
  });

  it('depends on the key and scatters neighbouring slots', () => {
    const a = new UniqueNumbers(20, 1);
    const b = new UniqueNumbers(20, 2);
    expect([0, 1, 2, 3].map((s) => a.of(s))).not.toEqual([0, 1, 2, 3].map((s) => b.of(s)));
    expect(Math.abs(a.of(1) - a.of(0))).toBeGreaterThan(1);
  });

  it('refuses slots outside its range', () => {
    expect(() => new UniqueNumbers(8, 0).of(256)).toThrow(RangeError);
    expect(bitsFor(256)).toBe(8);
    expect(bitsFor(257)).toBe(9);
    expect(bitsFor(1_000_000)).toBe(20);
  });
});
