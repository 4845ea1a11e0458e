import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { matchClusters } from '../../src/lineage/match-clusters.js';
import { readPreviousClusters } from '../../src/lineage/previous-clusters.js';
import { csvText } from '../../src/io/csv-text.js';
import { folderWith, tempDir } from '../support/temp-dir.js';

describe('readPreviousClusters', () => {
  it('reads the members.csv a run folder holds, grouped by cluster and sorted by id', async () => {
    // written the way the files sink writes it, with account ids that need quoting
    const dir = await tempDir();
    const rows = [
      ['FR-bbbbbbbbbbbb', 'B1'],
      ['FR-aaaaaaaaaaaa', 'A1'],
      ['FR-bbbbbbbbbbbb', 'acct,"2"'],
      ['FR-aaaaaaaaaaaa', 'A2'],
      ['FR-aaaaaaaaaaaa', 'A3'],
    ];
    await writeFile(join(dir, 'members.csv'), csvText(['cluster_id', 'account_id'], rows));
    expect(await readPreviousClusters(dir)).toEqual([
      { clusterId: 'FR-aaaaaaaaaaaa', members: ['A1', 'A2', 'A3'] },
      { clusterId: 'FR-bbbbbbbbbbbb', members: ['B1', 'acct,"2"'] },
    ]);
  });

  it('feeds matching: the same members tonight continue the same ids', async () => {
    const dir = await folderWith({ 'members.csv': 'cluster_id,account_id\nFR-aaaaaaaaaaaa,A1\nFR-aaaaaaaaaaaa,A2\nFR-aaaaaaaaaaaa,A3\n' });
    const result = matchClusters(await readPreviousClusters(dir), [{ clusterId: 'FR-000000000000', members: ['A3', 'A2', 'A1', 'A4'] }]);
    expect(result.idOf.get('FR-000000000000')).toBe('FR-aaaaaaaaaaaa');
    expect(result.lineage).toEqual([{ clusterId: 'FR-aaaaaaaaaaaa', event: 'grown', previousClusterIds: ['FR-aaaaaaaaaaaa'] }]);
  });

  it('accepts a byte-order mark, CRLF line ends, columns in another order and a header-only file', async () => {
    const dir = await folderWith({ 'members.csv': '\uFEFFaccount_id,cluster_id\r\nA1,FR-a\r\nA2,FR-a\r\n' });
    expect(await readPreviousClusters(dir)).toEqual([{ clusterId: 'FR-a', members: ['A1', 'A2'] }]);
    const empty = await folderWith({ 'members.csv': 'cluster_id,account_id\n' });
    expect(await readPreviousClusters(empty)).toEqual([]);
  });

  it('gives no clusters for a run folder without members.csv', async () => {
    expect(await readPreviousClusters(await tempDir())).toEqual([]);
    expect(await readPreviousClusters(join(await tempDir(), 'no-such-run'))).toEqual([]);
  });

  it('stops on a members.csv it cannot trust', async () => {
    const columns = await folderWith({ 'members.csv': 'cluster,account\nFR-a,A1\n' });
    await expect(readPreviousClusters(columns)).rejects.toThrow(InputError);
    await expect(readPreviousClusters(columns)).rejects.toThrow(/members\.csv has no column cluster_id, account_id \(header: cluster,account\)/);
    const short = await folderWith({ 'members.csv': 'cluster_id,account_id\nFR-a,A1\nFR-a\n' });
    await expect(readPreviousClusters(short)).rejects.toThrow(/members\.csv line 3: expected 2 fields, found 1/);
    const quote = await folderWith({ 'members.csv': 'cluster_id,account_id\nFR-a,"A1\n' });
    await expect(readPreviousClusters(quote)).rejects.toThrow(InputError);
  });
});
