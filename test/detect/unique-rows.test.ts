import { describe, expect, it } from 'vitest';
import type { TrainingSet } from '../../src/detect/model/risk-model.js';
import { uniqueRows } from '../../src/detect/unique-rows.js';

/** Rows of two term values each: [x1, x2, label, fold, weight]. */
function set(rows: Array<[number, number, number, number, number]>): TrainingSet {
  return {
    x: Float64Array.from(rows.flatMap(([a, b]) => [a, b])),
    y: Uint8Array.from(rows.map((r) => r[2])),
    grouped: Uint8Array.from(rows.map(() => 1)),
    fold: Uint8Array.from(rows.map((r) => r[3])),
    weight: Float64Array.from(rows.map((r) => r[4])),
    rows: rows.length,
  };
}

describe('uniqueRows', () => {
  it('merges rows with the same values, label and fold, summing their weights', () => {
    const merged = uniqueRows(set([[1, 0, 0, 0, 1], [1, 0, 0, 0, 2.5], [1, 0, 0, 0, 1], [0, 0.25, 1, 0, 1]]));
    expect(merged.rows).toBe(2);
    expect(Array.from(merged.x)).toEqual([1, 0, 0, 0.25]);
    expect(Array.from(merged.weight)).toEqual([4.5, 1]);
    expect(Array.from(merged.y)).toEqual([0, 1]);
  });

  it('keeps rows apart that differ in label, fold or any value', () => {
    const merged = uniqueRows(set([[1, 0, 0, 0, 1], [1, 0, 1, 0, 1], [1, 0, 0, 1, 1], [1, 0.5, 0, 0, 1]]));
    expect(merged.rows).toBe(4);
    expect(Array.from(merged.fold)).toEqual([0, 0, 1, 0]);
  });

  it('keeps the total weight of each label and fold', () => {
    const rows = Array.from({ length: 500 }, (_, i): [number, number, number, number, number] => [i % 3, (i % 5) / 4, i % 7 === 0 ? 1 : 0, i % 2, 1 + (i % 4)]);
    const data = set(rows);
    const merged = uniqueRows(data);
    expect(merged.rows).toBeLessThan(data.rows);
    const total = (d: TrainingSet, y: number, fold: number) => {
      let w = 0;
      for (let r = 0; r < d.rows; r++) if (d.y[r] === y && d.fold[r] === fold) w += d.weight[r]!;
      return w;
    };
    for (const y of [0, 1]) for (const fold of [0, 1]) expect(total(merged, y, fold)).toBeCloseTo(total(data, y, fold), 9);
  });
});
