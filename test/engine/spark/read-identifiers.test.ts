import { join } from 'node:path';
import { parquetWriteFile } from 'hyparquet-writer';
import { describe, expect, it } from 'vitest';
import { checkIdentifiers } from '../../../src/engine/spark/check-identifiers.js';
import { readIdentifiers } from '../../../src/engine/spark/read-identifiers.js';
import { EngineUnavailableError } from '../../../src/errors.js';
import { buildIdentifierGraph } from '../../../src/graph/identifier-graph.js';
import { weighIdentifiers } from '../../../src/graph/identifier-weights.js';
import { makeSnapshot } from '../../support/make-snapshot.js';
import { tempDir } from '../../support/temp-dir.js';

type Row = [bigint, number, boolean, boolean];

function writeIdentifiers(dir: string, part: string, rows: Row[]): void {
  parquetWriteFile({
    filename: join(dir, part),
    columnData: [
      { name: 'identifier', data: BigInt64Array.from(rows, (r) => r[0]), type: 'INT64' },
      { name: 'accounts', data: BigInt64Array.from(rows, (r) => BigInt(r[1])), type: 'INT64' },
      { name: 'hub', data: rows.map((r) => r[2]), type: 'BOOLEAN' },
      { name: 'groups', data: rows.map((r) => r[3]), type: 'BOOLEAN' },
    ],
  });
}

// identifiers in snapshot order: d (A, C, E: a hub at 3), c (B, D), ip (A, B: too weak to group)
const snapshot = makeSnapshot({
  accounts: ['A', 'B', 'C', 'D', 'E'].map((id) => ({ id })),
  links: [['A', 'device', 'd'], ['C', 'device', 'd'], ['E', 'device', 'd'], ['B', 'card', 'c'], ['D', 'card', 'c'], ['A', 'ip', 'ip'], ['B', 'ip', 'ip']],
}); // prettier-ignore
const graph = buildIdentifierGraph(snapshot);
const weights = weighIdentifiers(snapshot, graph, { hubMinAccounts: 3, kindWeights: { device: 0.9, card: 0.8, ip: 0.001 }, linkMinShare: 0.01 });
// ids that collide in their low bits (1, 1 + 2^40), so the table probes past a taken slot
const ids = BigInt64Array.from([1n, 1n + (1n << 40n), -7n]);

describe('readIdentifiers', () => {
  it('puts the job rows back on the snapshot numbering through the 64-bit ids, from parts in any order', async () => {
    const dir = await tempDir();
    writeIdentifiers(dir, 'part-b.parquet', [[-7n, 2, false, false]]);
    writeIdentifiers(dir, 'part-a.parquet', [[1n + (1n << 40n), 2, false, true], [1n, 3, true, false]]);
    const read = await readIdentifiers(dir, ids);
    expect(Array.from(read.accounts)).toEqual([3, 2, 2]);
    expect(Array.from(read.hub)).toEqual([1, 0, 0]);
    expect(Array.from(read.groups)).toEqual([0, 1, 0]);
    // and those are this process's numbers
    expect(() => checkIdentifiers(snapshot, graph, weights, read)).not.toThrow();
  });

  it('stops on an id the snapshot does not hold', async () => {
    const dir = await tempDir();
    writeIdentifiers(dir, 'part-a.parquet', [[99n, 2, false, true]]);
    await expect(readIdentifiers(dir, ids)).rejects.toThrow(EngineUnavailableError);
  });
});

describe('checkIdentifiers', () => {
  it('stops with one line when Spark counts an identifier differently', () => {
    const spark = { accounts: Int32Array.from([3, 2, 2]), hub: Uint8Array.from([1, 0, 0]), groups: Uint8Array.from([0, 1, 1]) };
    expect(() => checkIdentifiers(snapshot, graph, weights, spark)).toThrow(/disagree on a ip identifier: 2 accounts \(hub 0, groups 1\) against 2 \(hub 0, groups 0\)/);
    spark.groups[2] = 0;
    spark.accounts[0] = 4;
    expect(() => checkIdentifiers(snapshot, graph, weights, spark)).toThrow(/device identifier: 4 accounts/);
  });
});
