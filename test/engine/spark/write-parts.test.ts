import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { asyncBufferFromFile, parquetReadObjects } from 'hyparquet';
import { describe, expect, it } from 'vitest';
import { identifierIdKey, identifierIds } from '../../../src/engine/spark/identifier-ids.js';
import { writeParts } from '../../../src/engine/spark/write-parts.js';
import { makeSnapshot } from '../../support/make-snapshot.js';
import { tempDir } from '../../support/temp-dir.js';

async function rowsOf(folder: string): Promise<Record<string, unknown>[]> {
  const parts = (await readdir(folder)).sort();
  const rows: Record<string, unknown>[] = [];
  for (const part of parts) rows.push(...(await parquetReadObjects({ file: await asyncBufferFromFile(join(folder, part)) })));
  return rows;
}

describe('writeParts', () => {
  it('writes the links, accounts and identifier values as Parquet a reader gets back', async () => {
    const snapshot = makeSnapshot({
      accounts: [{ id: 'A' }, { id: 'B' }, { id: 'C' }],
      links: [
        ['A', 'device', 'd1'],
        ['C', 'device', 'd1'],
        ['C', 'email', 'c@example.com'],
      ],
    });
    snapshot.links.firstSeen[1] = Date.UTC(2026, 0, 2);
    const ids = identifierIds(snapshot, identifierIdKey('a card hashing key of some length'));
    const parts = await writeParts(snapshot, ids, await tempDir());

    const links = await rowsOf(parts.links);
    // each link's row: its place in the snapshot's links (a bucket numbers identifiers by the first)
    expect(links.map((r) => [r.row, r.account, r.identifier, r.kind])).toEqual([
      [0n, 0, ids.ids[0], 0],
      [1n, 2, ids.ids[0], 0],
      [2n, 2, ids.ids[1], 1],
    ]);
    // each link's index in the snapshot's links, as int64
    expect(links.map((r) => r.row)).toEqual([0n, 1n, 2n]);
    // times stay epoch ms, NaN when unknown, as the Snapshot holds them
    expect(links[1]!.first_seen).toBe(Date.UTC(2026, 0, 2));
    expect(Number.isNaN(links[0]!.first_seen)).toBe(true);

    expect((await rowsOf(parts.accounts)).map((r) => [r.account, r.id])).toEqual([
      [0, 'A'],
      [1, 'B'],
      [2, 'C'],
    ]);
    expect((await rowsOf(parts.identifierValues)).map((r) => [r.identifier, r.kind, r.value])).toEqual([
      [ids.ids[0], 0, 'd1'],
      [ids.ids[1], 1, 'c@example.com'],
    ]);
    expect(JSON.parse(await readFile(parts.kinds, 'utf8'))).toEqual(['device', 'email']);
  });

  it('still writes one part (its schema) for an empty table', async () => {
    const snapshot = makeSnapshot({ accounts: [{ id: 'A' }], links: [] });
    const parts = await writeParts(snapshot, identifierIds(snapshot, identifierIdKey('a card hashing key of some length')), await tempDir());
    expect(await readdir(parts.links)).toEqual(['part-00000.parquet']);
    expect(await rowsOf(parts.links)).toEqual([]);
  });
});
