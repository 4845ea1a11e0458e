import { describe, expect, it } from 'vitest';
import { batches } from '../../../src/sinks/neo4j/batches.js';

describe('batches', () => {
  it('cuts rows into batches of the given size, the last one shorter', () => {
    expect([...batches([1, 2, 3, 4, 5], 2)]).toEqual([[1, 2], [3, 4], [5]]);
    expect([...batches([], 2)]).toEqual([]);
  });

  it('counts a row as the graph rows it stands for, and never splits a row', () => {
    // an account with its USES: weight 1 + uses
    const rows = [{ uses: 1 }, { uses: 3 }, { uses: 0 }, { uses: 0 }, { uses: 5 }, { uses: 0 }];
    const weight = (row: { uses: number }) => 1 + row.uses;
    expect([...batches(rows, 4, weight)].map((b) => b.map((r) => r.uses))).toEqual([[1, 3], [0, 0, 5], [0]]);
    expect([...batches(rows, 1, weight)].map((b) => b.length)).toEqual([1, 1, 1, 1, 1, 1]);
  });

  it('pulls rows only as batches are taken', () => {
    let pulled = 0;
    function* rows() {
      for (let i = 0; i < 10; i++) {
        pulled++;
        yield i;
      }
    }
    const it = batches(rows(), 4);
    it.next();
    expect(pulled).toBe(4);
  });
});
