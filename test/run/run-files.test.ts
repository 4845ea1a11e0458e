import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import type { RunManifest } from '../../src/run/manifest.js';
import {
  lineageCsv,
  readCandidates,
  readClusterDetails,
  readManifest,
  readMembers,
  writeCandidates,
  writeClusterDetails,
  writeManifest,
  writeMembers,
  type CandidateRow,
  type MemberRow,
} from '../../src/run/run-files.js';
import { folderWith, tempDir } from '../support/temp-dir.js';

describe('lineageCsv', () => {
  it('writes a header, sorts rows by cluster id then event and previous ids within a row', () => {
    const csv = lineageCsv([
      { clusterId: 'FR-bbbbbbbbbbbb', event: 'new', previousClusterIds: [] },
      { clusterId: 'FR-aaaaaaaaaaaa', event: 'merged', previousClusterIds: ['FR-cccccccccccc', 'FR-aaaaaaaaaaaa'] },
      { clusterId: 'FR-aaaaaaaaaaaa', event: 'dissolved', previousClusterIds: [] },
    ]);
    expect(csv).toBe(
      'cluster_id,event,previous_cluster_ids\n' +
        'FR-aaaaaaaaaaaa,dissolved,\n' +
        'FR-aaaaaaaaaaaa,merged,FR-aaaaaaaaaaaa;FR-cccccccccccc\n' +
        'FR-bbbbbbbbbbbb,new,\n',
    );
  });

  it('quotes ids that hold a comma, a quote or a line break', () => {
    const csv = lineageCsv([{ clusterId: 'odd,"id"', event: 'split', previousClusterIds: ['x\ny'] }]);
    expect(csv).toBe('cluster_id,event,previous_cluster_ids\n"odd,""id""",split,"x\ny"\n');
  });

  it('writes only the header for no entries and leaves its input untouched', () => {
    expect(lineageCsv([])).toBe('cluster_id,event,previous_cluster_ids\n');
    const entry = { clusterId: 'FR-a', event: 'merged' as const, previousClusterIds: ['FR-c', 'FR-b'] };
    lineageCsv([entry]);
    expect(entry.previousClusterIds).toEqual(['FR-c', 'FR-b']);
  });
});

describe('run folder readers', () => {
  const manifest: RunManifest = { runId: 'r1', status: 'succeeded', startedAt: 'a', finishedAt: 'b', version: '0', configHash: 'h', input: { dir: '/in', tables: [] }, counts: { clusters: 1 }, stages: [], sinks: ['files'] };

  it('read back what the writers wrote', async () => {
    const dir = await tempDir();
    await writeManifest(dir, manifest);
    await writeMembers(dir, [{ clusterId: 'FR-a', accountId: 'acct,"1"' }, { clusterId: 'FR-a', accountId: 'A2' }]);
    await writeCandidates(dir, [{ accountId: 'A2', clusterId: 'FR-a', score: 80, reasons: ['X', 'Y'] }, { accountId: 'A3', clusterId: 'FR-a', score: 50, reasons: [] }]);
    await writeClusterDetails(dir, [{ cluster_id: 'FR-a', first_seen_run: 'r0', score: 1 }]);
    expect(await readManifest(dir)).toEqual(manifest);
    const members: MemberRow[] = [];
    await readMembers(dir, (row) => members.push(row));
    expect(members).toEqual([{ clusterId: 'FR-a', accountId: 'acct,"1"' }, { clusterId: 'FR-a', accountId: 'A2' }]);
    const candidates: CandidateRow[] = [];
    await readCandidates(dir, (row) => candidates.push(row));
    expect(candidates).toEqual([{ accountId: 'A2', clusterId: 'FR-a', score: 80, reasons: ['X', 'Y'] }, { accountId: 'A3', clusterId: 'FR-a', score: 50, reasons: [] }]);
    expect(await readClusterDetails(dir)).toEqual([{ cluster_id: 'FR-a', first_seen_run: 'r0', score: 1 }]);
    expect(await readClusterDetails(await tempDir())).toBeNull();
  });

  it('a manifest that is missing, not JSON or not a manifest is an InputError naming the file', async () => {
    await expect(readManifest(await tempDir())).rejects.toThrow(/manifest\.json not found/);
    const broken = await folderWith({ 'manifest.json': '{' });
    await expect(readManifest(broken)).rejects.toThrow(InputError);
    await expect(readManifest(broken)).rejects.toThrow(/manifest\.json is not JSON/);
    const partial = await folderWith({ 'manifest.json': JSON.stringify({ startedAt: 'x' }) });
    await expect(readManifest(partial)).rejects.toThrow(/manifest\.json is not a run manifest: runId: /);
  });

  it('rows without the fields a later reader needs are InputErrors naming file and line', async () => {
    const noop = () => undefined;
    const members = await folderWith({ 'members.csv': 'cluster_id,account_id\nFR-a,A1\nFR-a,\n' });
    await expect(readMembers(members, noop)).rejects.toThrow(/members\.csv line 3: needs a cluster_id and an account_id/);
    const candidates = await folderWith({ 'candidates.csv': 'account_id,cluster_id,score,reasons\nA1,FR-a,high,X\n' });
    await expect(readCandidates(candidates, noop)).rejects.toThrow(/candidates\.csv line 2: needs an account_id and a numeric score/);
    const details = await folderWith({ 'clusters.ndjson': '{"cluster_id":"FR-a"}\n{"score":1}\n' });
    await expect(readClusterDetails(details)).rejects.toThrow(/clusters\.ndjson line 2 is not a cluster: cluster_id/);
  });
});
