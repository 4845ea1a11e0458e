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

  it('compares values as numbers: 0 and -0 are one value, and so is NaN; the first of the duplicates stands for them', () => {
    const merged = uniqueRows(set([[0, Number.NaN, 0, 0, 1], [-0, Number.NaN, 0, 0, 2], [0.1 + 0.2, 0, 0, 0, 1], [0.3, 0, 0, 0, 1]]));
    expect(merged.rows).toBe(3);
    expect(Object.is(merged.x[0], 0)).toBe(true);
    expect(Number.isNaN(merged.x[1])).toBe(true);
    expect(Array.from(merged.weight)).toEqual([3, 1, 1]);
  });

  it('merges many rows in row order, whatever the table holds', () => {
    const rows = Array.from({ length: 20_000 }, (_, i): [number, number, number, number, number] => [i % 101, (i % 13) / 7, i % 11 === 0 ? 1 : 0, i % 5, 1]);
    const merged = uniqueRows(set(rows));
    // the first row of each (x1, x2, label, fold) in row order, as a string key per row would find them
    const firstOf = new Map<string, number>();
    const count = new Map<string, number>();
    rows.forEach((r, i) => {
      const key = r.slice(0, 4).join(',');
      if (!firstOf.has(key)) firstOf.set(key, i);
      count.set(key, (count.get(key) ?? 0) + 1);
    });
    expect(merged.rows).toBe(firstOf.size);
    const firsts = [...firstOf.values()];
    expect(Array.from(merged.x)).toEqual(firsts.flatMap((i) => [rows[i]![0], rows[i]![1]]));
    expect(Array.from(merged.weight)).toEqual([...firstOf.keys()].map((key) => count.get(key)));
  });
});
