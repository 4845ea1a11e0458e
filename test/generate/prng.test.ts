import { describe, expect, it } from 'vitest';
import { Prng } from '../../src/generate/prng.js';

describe('Prng', () => {
  it('replays the same stream for the same keys and a different one for other keys', () => {
    const draw = (...keys: number[]) => {
      const p = Prng.from(...keys);
      return Array.from({ length: 8 }, () => p.next());
    };
    expect(draw(7, 1, 2)).toEqual(draw(7, 1, 2));
    expect(draw(7, 1, 2)).not.toEqual(draw(7, 1, 3));
    expect(draw(7, 1, 2)).not.toEqual(draw(8, 1, 2));
    // seeds above 32 bits still matter
    expect(draw(2 ** 40 + 7)).not.toEqual(draw(7));
  });

  it('draws uniform values in range', () => {
    const p = Prng.from(1);
    const counts = new Array<number>(6).fill(0);
    let min = 1;
    let max = 0;
    for (let i = 0; i < 60_000; i++) {
      const f = p.float();
      min = Math.min(min, f);
      max = Math.max(max, f);
      counts[p.int(0, 5)]! += 1;
    }
    expect(min).toBeGreaterThanOrEqual(0);
    expect(max).toBeLessThan(1);
    for (const c of counts) expect(Math.abs(c - 10_000)).toBeLessThan(500);
  });

  it('honours weights, samples without repeats and shuffles in place', () => {
    const p = Prng.from(2);
    const hits = [0, 0, 0];
    for (let i = 0; i < 30_000; i++) hits[p.weighted([1, 0, 3])]! += 1;
    expect(hits[1]).toBe(0);
    expect(hits[2]! / hits[0]!).toBeGreaterThan(2.7);
    expect(hits[2]! / hits[0]!).toBeLessThan(3.3);
    const sample = p.sample(10, 10);
    expect([...sample].sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    const items = Int32Array.from([1, 2, 3, 4, 5]);
    p.shuffle(items);
    expect([...items].sort()).toEqual([1, 2, 3, 4, 5]);
  });
});
