import { describe, expect, it } from 'vitest';
import { batches } from '../../../src/sinks/neo4j/batches.js';

describe('batches', () => {
  it('cuts rows into batches of the given size, the last one shorter', () => {
    expect([...batches([1, 2, 3, 4, 5], 2)]).toEqual([[1, 2], [3, 4], [5]]);
    expect([...batches([], 2)]).toEqual([]);
  });

  it('never splits a group: a batch grows to finish the group it ends in', () => {
    const rows = ['a1', 'a2', 'b1', 'b2', 'b3', 'c1', 'd1', 'd2'];
    const account = (row: string) => row[0];
    expect([...batches(rows, 3, account)]).toEqual([['a1', 'a2', 'b1', 'b2', 'b3'], ['c1', 'd1', 'd2']]);
    expect([...batches(rows, 1, account)]).toEqual([['a1', 'a2'], ['b1', 'b2', 'b3'], ['c1'], ['d1', 'd2']]);
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
    expect(pulled).toBe(5);
  });
});
