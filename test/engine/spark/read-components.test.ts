import { join } from 'node:path';
import { parquetWriteFile } from 'hyparquet-writer';
import { describe, expect, it } from 'vitest';
import { readComponents } from '../../../src/engine/spark/read-components.js';
import { EngineUnavailableError } from '../../../src/errors.js';
import { findComponents } from '../../../src/graph/components.js';
import { buildIdentifierGraph } from '../../../src/graph/identifier-graph.js';
import { weighIdentifiers } from '../../../src/graph/identifier-weights.js';
import { makeSnapshot } from '../../support/make-snapshot.js';
import { tempDir } from '../../support/temp-dir.js';

function writeComponents(dir: string, part: string, rows: Array<[number, number]>): void {
  parquetWriteFile({
    filename: join(dir, part),
    columnData: [
      { name: 'account', data: BigInt64Array.from(rows, ([a]) => BigInt(a)), type: 'INT64' },
      { name: 'component', data: BigInt64Array.from(rows, ([, c]) => BigInt(c)), type: 'INT64' },
    ],
  });
}

describe('readComponents', () => {
  it('numbers the components as the local engine does, from parts in any order', async () => {
    // A–C–E share a device, B–D a card, F alone
    const snapshot = makeSnapshot({
      accounts: ['A', 'B', 'C', 'D', 'E', 'F'].map((id) => ({ id })),
      links: [['A', 'device', 'd'], ['C', 'device', 'd'], ['E', 'device', 'd'], ['B', 'card', 'c'], ['D', 'card', 'c']],
    }); // prettier-ignore
    const graph = buildIdentifierGraph(snapshot);
    const local = findComponents(graph, weighIdentifiers(snapshot, graph, { hubMinAccounts: 30, kindWeights: { other: 1 } }));

    // Spark names a component by its smallest account key and writes rows in no order
    const dir = await tempDir();
    writeComponents(dir, 'part-00001.parquet', [[4, 0], [1, 1], [5, 5]]);
    writeComponents(dir, 'part-00000.parquet', [[3, 1], [0, 0], [2, 0]]);
    const spark = await readComponents(dir, 6);

    expect(spark.count).toBe(local.count);
    expect(Array.from(spark.componentOf)).toEqual(Array.from(local.componentOf));
    expect(Array.from(spark.offsets)).toEqual(Array.from(local.offsets));
    expect(Array.from(spark.members)).toEqual(Array.from(local.members));
  });

  it('refuses an answer that leaves an account out', async () => {
    const dir = await tempDir();
    writeComponents(dir, 'part-00000.parquet', [[0, 0], [1, 0]]);
    await expect(readComponents(dir, 3)).rejects.toThrow(EngineUnavailableError);
    await expect(readComponents(dir, 3)).rejects.toThrow('gave a component to 2 accounts of 3');
  });
});
