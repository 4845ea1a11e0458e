import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { messages, runCli } from '../support/run-cli.js';
import { cluster, evidence, stateWith, writeRun } from '../support/review-state.js';

const RUN = '20261125T013000Z';

/** Three clusters of the latest run: C1 (A1–A5), C2 (B1–B5), C3 (D1–D3). */
function state(): Promise<string> {
  return stateWith([...cluster('C1', 'A', 5), ...cluster('C2', 'B', 5), ...cluster('C3', 'D', 3)], RUN);
}

async function logLines(state: string): Promise<Record<string, unknown>[]> {
  const text = await readFile(join(state, 'review', 'decisions.ndjson'), 'utf8');
  return text.trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
}

function review(state: string, ...args: string[]) {
  return runCli(['review', ...args, '--out', state]);
}

function csvRows(stdout: string): string[][] {
  return stdout.trim().split('\n').slice(1).map((line) => line.split(','));
}

describe('fraud-rings review', () => {
  it('decides 5 approvals and 5 rejections by account and by cluster, and lists them with every filter and format', async () => {
    const out = await state();

    const one = await review(out, 'decide', '--account', 'A1', '--decision', 'approve', '--by', 'alice', '--note', 'same card as A9');
    expect(one.code).toBe(0);
    expect(one.stdout).toBe(`A1 approved by alice (cluster C1, run ${RUN}, evidence v-A1-2-0)\n`);

    const c1 = await review(out, 'decide', '--cluster', 'C1', '--decision', 'approve', '--by', 'alice');
    expect(c1.code).toBe(0);
    const c1Lines = c1.stdout.trim().split('\n');
    expect(c1Lines.slice(0, 4)).toEqual(['A2', 'A3', 'A4', 'A5'].map((a) => `${a} approved by alice (cluster C1, run ${RUN}, evidence v-${a}-2-0)`));
    expect(c1Lines[4]).toMatch(/^A1 skipped: already approved by alice at 20\d\d-/);

    for (const account of ['B1', 'B2']) expect((await review(out, 'decide', '--account', account, '--decision', 'reject', '--by', 'bob')).code).toBe(0);
    const c2 = await review(out, 'decide', '--cluster', 'C2', '--decision', 'reject', '--by', 'bob', '--note', 'household');
    expect(c2.code).toBe(0);
    expect(c2.stdout.trim().split('\n').map((l) => l.split(' ').slice(0, 2).join(' '))).toEqual(['B3 rejected', 'B4 rejected', 'B5 rejected', 'B1 skipped:', 'B2 skipped:']);

    // the log: one line per decision, with who, when, why and the evidence it was made on
    const log = await logLines(out);
    expect(log).toHaveLength(10);
    expect(log[0]).toEqual({
      accountId: 'A1',
      decision: 'approve',
      by: 'alice',
      at: expect.stringMatching(/^20\d\d-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      note: 'same card as A9',
      clusterId: 'C1',
      runId: RUN,
      evidenceVersion: 'v-A1-2-0',
      material: evidence('A1', 'C1').material,
      reasons: ['SHARED_DEVICES', 'CREATED_IN_BURST', 'CHARGEBACKS'],
      source: 'cli',
    });
    expect(log.filter((d) => d.decision === 'reject').map((d) => d.accountId)).toEqual(['B1', 'B2', 'B3', 'B4', 'B5']);

    // csv (the default when stdout is not a terminal)
    const all = await review(out, 'list');
    expect(all.code).toBe(0);
    expect(all.stdout.split('\n')[0]).toBe('account_id,cluster_id,score,status,reasons,decided_by,decided_at,in_latest_run');
    const rows = csvRows(all.stdout);
    expect(rows.map((r) => `${r[0]} ${r[3]}`)).toEqual([
      ...['A1', 'A2', 'A3', 'A4', 'A5'].map((a) => `${a} approved`),
      ...['B1', 'B2', 'B3', 'B4', 'B5'].map((b) => `${b} rejected`),
      ...['D1', 'D2', 'D3'].map((d) => `${d} pending`),
    ]);
    expect(rows[0]).toEqual(['A1', 'C1', '80', 'approved', 'SHARED_DEVICES;CREATED_IN_BURST;CHARGEBACKS', 'alice', expect.stringMatching(/^20/), 'true']);
    expect(rows[12]).toEqual(['D3', 'C3', '80', 'pending', 'SHARED_DEVICES;CREATED_IN_BURST;CHARGEBACKS', '', '', 'true']);

    const pending = await review(out, 'list', '--status', 'pending', '--format', 'csv');
    expect(csvRows(pending.stdout).map((r) => r[0])).toEqual(['D1', 'D2', 'D3']);
    const approved = await review(out, 'list', '--status', 'approved', '--format', 'csv');
    expect(csvRows(approved.stdout).map((r) => r[0])).toEqual(['A1', 'A2', 'A3', 'A4', 'A5']);

    const rejected = JSON.parse((await review(out, 'list', '--status', 'rejected', '--format', 'json')).stdout);
    expect(rejected.map((i: { accountId: string }) => i.accountId)).toEqual(['B1', 'B2', 'B3', 'B4', 'B5']);
    expect(rejected[2]).toMatchObject({ status: 'rejected', inLatestRun: true, decision: { by: 'bob', note: 'household' }, evidence: evidence('B3', 'C2') });

    const c2Table = await review(out, 'list', '--cluster', 'C2', '--format', 'table');
    const tableLines = c2Table.stdout.trim().split('\n');
    expect(tableLines[0]).toMatch(/^account\s+cluster\s+score\s+status\s+reasons\s+decided by\s+decided at$/);
    expect(tableLines.slice(1).map((l) => l.split(/\s+/).slice(0, 4).join(' '))).toEqual(['B1 C2 80 rejected', 'B2 C2 80 rejected', 'B3 C2 80 rejected', 'B4 C2 80 rejected', 'B5 C2 80 rejected']);

    const both = await review(out, 'list', '--cluster', 'C1', '--status', 'pending', '--format', 'json');
    expect(JSON.parse(both.stdout)).toEqual([]);
  });

  it('refuses unknown accounts and clusters, double decisions, and a target that is not exactly one', async () => {
    const out = await state();
    const unknown = await review(out, 'decide', '--account', 'Q1', '--decision', 'approve', '--by', 'alice');
    expect(unknown.code).toBe(2);
    expect(messages(unknown.stderr)).toEqual([`fraud-rings: unknown account Q1: not a candidate of run ${RUN} (latest) and never decided`]);

    const noCluster = await review(out, 'decide', '--cluster', 'C9', '--decision', 'reject', '--by', 'alice');
    expect(noCluster.code).toBe(2);
    expect(messages(noCluster.stderr)).toEqual([`fraud-rings: unknown cluster C9: run ${RUN} (latest) has no candidates in it`]);

    expect((await review(out, 'decide', '--account', 'D1', '--decision', 'approve', '--by', 'alice')).code).toBe(0);
    const again = await review(out, 'decide', '--account', 'D1', '--decision', 'approve', '--by', 'carol');
    expect(again.code).toBe(2);
    expect(messages(again.stderr)).toEqual([expect.stringMatching(/^fraud-rings: D1 is already approved by alice at 20\S+Z; nothing changed$/)]);

    for (const account of ['D2', 'D3']) await review(out, 'decide', '--account', account, '--decision', 'approve', '--by', 'alice');
    const wholeCluster = await review(out, 'decide', '--cluster', 'C3', '--decision', 'approve', '--by', 'carol');
    expect(wholeCluster.code).toBe(2);
    expect(messages(wholeCluster.stderr)).toEqual([expect.stringMatching(/^fraud-rings: every candidate of cluster C3 is already approved: D1 \(by alice at .*\), D2 .*, D3 .*; nothing changed$/)]);
    expect(await logLines(out)).toHaveLength(3);

    const neither = await review(out, 'decide', '--decision', 'approve', '--by', 'alice');
    expect(neither.code).toBe(2);
    expect(messages(neither.stderr)).toEqual(['fraud-rings: review decide needs exactly one of --account <id> or --cluster <id>']);
    const bothTargets = await review(out, 'decide', '--account', 'A1', '--cluster', 'C1', '--decision', 'approve', '--by', 'alice');
    expect(bothTargets.code).toBe(2);
    const badChoice = await review(out, 'decide', '--account', 'A1', '--decision', 'maybe', '--by', 'alice');
    expect(badChoice.code).toBe(2);
    expect(badChoice.stderr).toMatch(/--decision <decision>' argument 'maybe' is invalid/);
  });

  it('a change of decision is a new line: history is kept and shown', async () => {
    const out = await state();
    expect((await review(out, 'decide', '--account', 'A1', '--decision', 'approve', '--by', 'alice', '--note', 'shared card')).code).toBe(0);
    const change = await review(out, 'decide', '--account', 'A1', '--decision', 'reject', '--by', 'bob', '--note', 'a family');
    expect(change.code).toBe(0);
    expect(change.stdout).toMatch(new RegExp(`^A1 rejected by bob \\(cluster C1, run ${RUN}, evidence v-A1-2-0\\): changed from approved by alice at 20\\S+Z\\n$`));

    const log = await logLines(out);
    expect(log.map((d) => `${d.accountId} ${d.decision} ${d.by}`)).toEqual(['A1 approve alice', 'A1 reject bob']);

    const show = await review(out, 'show', '--account', 'A1');
    expect(show.code).toBe(0);
    expect(show.stdout).toMatch(/decision history \(2\):\n {2}20\S+ {2}approved by alice \(run 20261125T013000Z, evidence v-A1-2-0, via cli\): shared card\n {2}20\S+ {2}rejected by bob .*: a family\n/);
    expect(csvRows((await review(out, 'list', '--status', 'rejected')).stdout).map((r) => r[0])).toEqual(['A1']);
  });

  it('shows the evidence as text: score breakdown, identifiers, hubs, paths to blacklisted accounts, money', async () => {
    const a1 = evidence('A1', 'C1', { material: { sharedIdentifiers: ['card:pan:c100ff', 'device:dev-C1'], blacklistedLinks: ['A9'] } });
    const out = await stateWith([a1, evidence('A2', 'C1')], RUN);
    const show = await review(out, 'show', '--account', 'A1');
    expect(show.code).toBe(0);
    const text = show.stdout;
    expect(text).toContain(`A1: pending, candidate in run ${RUN} (latest)\n`);
    expect(text).toContain('cluster C1: 5 accounts sharing 1 device and 1 card\nscore 80 (cluster 85): points learned from 42 fraud labels, level -3.2\n');
    expect(text).toMatch(/cluster score:\n {2}SHARED_DEVICES\s+sharedDevices=1\s+\+40 {2}members share devices\n {2}CREATED_IN_BURST\s+creationSpreadDays=2\.5\s+\+45/);
    expect(text).toMatch(/account score:\n {2}CHARGEBACKS {2}chargebacks=2 {2}\+30 {2}the account has chargebacks\n/);
    expect(text).toContain('shared identifiers (2):\n  card:pan:c100ff  5 accounts, 5 in the cluster\n  device:dev-C1  5 accounts, 5 in the cluster\n');
    expect(text).toContain('hubs (1), not counted:\n  ip:203.0.113.9  hub of 812 accounts, not counted\n');
    expect(text).toContain('paths to blacklisted accounts (1):\n  A1 —device:dev-C1— X7 —card:pan:9f9f— A9 (blacklisted)\n');
    expect(text).toContain('transactions: 12, chargebacks: 2, transfers with cluster members: 4\n');
    expect(text).toContain('decision history (0):\n  none\n');

    const unknown = await review(out, 'show', '--account', 'Q1');
    expect(unknown.code).toBe(2);
    expect(messages(unknown.stderr)).toEqual([`fraud-rings: unknown account Q1: not a candidate of run ${RUN} (latest) and never decided`]);
  });

  it('a decided account the latest run no longer lists keeps its status and cannot be decided again', async () => {
    const out = await state();
    expect((await review(out, 'decide', '--account', 'A1', '--decision', 'approve', '--by', 'alice')).code).toBe(0);
    await writeRun(out, '20261126T013000Z', [...cluster('C1', 'A', 5).slice(1), ...cluster('C3', 'D', 3)]);

    const gone = await review(out, 'decide', '--account', 'A1', '--decision', 'reject', '--by', 'bob');
    expect(gone.code).toBe(2);
    expect(messages(gone.stderr)).toEqual([
      expect.stringMatching(new RegExp(`^fraud-rings: A1 is no longer a candidate: run 20261126T013000Z \\(latest\\) does not list it; it was approved by alice at 20\\S+Z in run ${RUN}; nothing recorded$`)),
    ]);
    const approved = csvRows((await review(out, 'list', '--status', 'approved')).stdout);
    expect(approved).toEqual([['A1', 'C1', '', 'approved', 'SHARED_DEVICES;CREATED_IN_BURST;CHARGEBACKS', 'alice', expect.stringMatching(/^20/), 'false']]);
    const show = await review(out, 'show', '--account', 'A1');
    expect(show.stdout).toMatch(/^A1: approved, no longer a candidate: run 20261126T013000Z \(latest\) does not list it\n/);
    expect(show.stdout).toContain(`last seen in cluster C1, run ${RUN}`);
  });

  it('a rejected account comes back pending only with new evidence, and can be rejected again', async () => {
    const out = await state();
    expect((await review(out, 'decide', '--account', 'D1', '--decision', 'reject', '--by', 'bob')).code).toBe(0);
    expect((await review(out, 'decide', '--account', 'D2', '--decision', 'reject', '--by', 'bob')).code).toBe(0);
    const d1 = evidence('D1', 'C3', { material: { sharedIdentifiers: ['card:pan:c300ff', 'device:dev-C3'], blacklistedLinks: ['A9'] } });
    const d2 = evidence('D2', 'C3', { material: { sharedIdentifiers: ['device:dev-C3'], blacklistedLinks: [] } }); // less evidence
    await writeRun(out, '20261126T013000Z', [d1, d2, evidence('D3', 'C3')]);

    const list = csvRows((await review(out, 'list', '--cluster', 'C3')).stdout);
    expect(list.map((r) => `${r[0]} ${r[3]}`)).toEqual(['D1 pending', 'D2 rejected', 'D3 pending']);
    const show = await review(out, 'show', '--account', 'D1');
    expect(show.stdout).toMatch(/^D1: pending \(re-opened\)/);
    expect(show.stdout).toMatch(/re-opened: rejected by bob at 20\S+Z; since then:\n {2}new link to blacklisted account A9\n/);

    const again = await review(out, 'decide', '--account', 'D1', '--decision', 'reject', '--by', 'carol');
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/^D1 rejected by carol again \(cluster C3, run 20261126T013000Z, evidence v-D1-2-1\): it was re-opened after the rejection by bob at \S+: new link to blacklisted account A9\n$/);
    expect(csvRows((await review(out, 'list', '--cluster', 'C3', '--status', 'rejected')).stdout).map((r) => r[0])).toEqual(['D1', 'D2']);
  });

  it('two reviewers deciding the same account at once: exactly one decision is recorded', async () => {
    const out = await state();
    const [alice, bob] = await Promise.all([
      review(out, 'decide', '--account', 'A1', '--decision', 'approve', '--by', 'alice'),
      review(out, 'decide', '--account', 'A1', '--decision', 'approve', '--by', 'bob'),
    ]);
    expect([alice.code, bob.code].sort()).toEqual([0, 2]);
    const [winner, loser] = alice.code === 0 ? ['alice', bob] : ['bob', alice];
    expect(messages(loser.stderr)).toEqual([expect.stringMatching(new RegExp(`^fraud-rings: A1 is already approved by ${winner} at \\S+; nothing changed$`))]);
    expect((await logLines(out)).map((d) => `${d.accountId} ${d.by}`)).toEqual([`A1 ${winner}`]);
  });

  it('needs a succeeded run', async () => {
    const { tempDir } = await import('../support/temp-dir.js');
    const out = await tempDir();
    const list = await review(out, 'list');
    expect(list.code).toBe(2);
    expect(messages(list.stderr)).toEqual([`fraud-rings: no succeeded run in ${out} yet (nightly --out ${out} makes one)`]);
  });
});
