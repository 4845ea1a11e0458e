import { describe, expect, it } from 'vitest';
import { ExactSum } from '../../src/detect/exact-sum.js';
import { mulberry32 } from '../../src/detect/seeded-random.js';

describe('ExactSum', () => {
  it('gives the exact total, rounded once, where a running sum drifts', () => {
    const sum = new ExactSum();
    let running = 0;
    for (let i = 0; i < 10; i++) {
      sum.add(0.1);
      running += 0.1;
    }
    expect(running).not.toBe(1);
    expect(sum.value()).toBe(1);
    const cancel = new ExactSum();
    for (const x of [1e16, 1, -1e16]) cancel.add(x);
    expect(cancel.value()).toBe(1);
  });

  it('does not depend on the order of the values or on how they are split into sums', () => {
    const random = mulberry32(7);
    const values = Array.from({ length: 5000 }, () => Math.fround(random()) * 10 ** Math.floor(random() * 6 - 3));
    const forward = new ExactSum();
    for (const v of values) forward.add(v);
    const backward = new ExactSum();
    for (const v of [...values].reverse()) backward.add(v);
    const parts = [new ExactSum(), new ExactSum(), new ExactSum()];
    values.forEach((v, i) => parts[(i * 7) % 3]!.add(v));
    const merged = new ExactSum();
    for (const p of parts.reverse()) merged.addSum(p);
    expect(backward.value()).toBe(forward.value());
    expect(merged.value()).toBe(forward.value());
    expect(new ExactSum().value()).toBe(0);
  });
});
