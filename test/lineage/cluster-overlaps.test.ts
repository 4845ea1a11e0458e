import { describe, expect, it } from 'vitest';
import { clusterOverlaps } from '../../src/lineage/cluster-overlaps.js';

describe('clusterOverlaps', () => {
  it('lists every pair that shares an account with the number shared, by current then previous index', () => {
    const previous = [new Set(['a', 'b', 'c']), new Set(['d', 'e']), new Set(['z'])];
    const current = [new Set(['e', 'a', 'd', 'x']), new Set(['y']), new Set(['b'])];
    expect(clusterOverlaps(previous, current)).toEqual([
      { previous: 0, current: 0, overlap: 1 },
      { previous: 1, current: 0, overlap: 2 },
      { previous: 0, current: 2, overlap: 1 },
    ]);
  });

  it('counts an account that sat in two previous clusters for both', () => {
    const previous = [new Set(['a', 'b']), new Set(['b', 'c'])];
    expect(clusterOverlaps(previous, [new Set(['b', 'c'])])).toEqual([
      { previous: 0, current: 0, overlap: 1 },
      { previous: 1, current: 0, overlap: 2 },
    ]);
  });
});
