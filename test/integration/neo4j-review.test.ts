import { join } from 'node:path';
import type { Driver } from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateSnapshot } from '../../src/generate/generate-snapshot.js';
import { DecisionLog } from '../../src/review/decision-log.js';
import { requireServer, rows, wipe, write } from '../support/neo4j-test-server.js';
import { runCli } from '../support/run-cli.js';
import { readCsv } from '../support/snapshot-files.js';
import { suiteDir } from '../support/temp-dir.js';

/**
 * Review through Neo4j, against the real local server: CLI decisions land on the
 * BlacklistCandidate nodes, and a status a reviewer sets in Neo4j Browser is honoured by the next run.
 */
let driver: Driver;
let snapshot: string;

beforeAll(async () => {
  driver = await requireServer();
  await wipe(driver);
  snapshot = await suiteDir('fraud-rings-neo4j-review-');
  await generateSnapshot({ accounts: 3000, seed: 6060, out: snapshot });
});

afterAll(async () => {
  await driver?.close();
});

describe('blacklist review with the Neo4j sink', () => {
  it('mirrors CLI decisions into Neo4j and takes Browser status changes into the next run', async () => {
    const state = await suiteDir('fraud-rings-neo4j-review-state-');
    const first = await runCli(['nightly', '--input', snapshot, '--out', state, '--run-id', 'r1', '--sink', 'neo4j']);
    expect(first.code, first.stderr).toBe(0);
    const candidates = await readCsv(join(state, 'runs', 'r1', 'candidates.csv'));
    const picks = [...new Map(candidates.filter((c) => !c.reasons!.includes('IS_KNOWN_FRAUD')).map((c) => [c.cluster_id, c.account_id!])).values()];
    expect(picks.length).toBeGreaterThanOrEqual(3);
    const [approved, rejected, rejectedInBrowser] = picks as [string, string, string];

    expect((await runCli(['review', 'decide', '--account', approved, '--decision', 'approve', '--by', 'alice', '--out', state, '--sink', 'neo4j'])).code).toBe(0);
    expect((await runCli(['review', 'decide', '--account', rejected, '--decision', 'reject', '--by', 'bob', '--note', 'family', '--out', state, '--sink', 'neo4j'])).code).toBe(0);
    const statuses = await rows<{ accountId: string; status: string; reviewer: string; reviewed: boolean }>(
      driver,
      'MATCH (b:BlacklistCandidate) WHERE b.accountId IN $ids RETURN b.accountId AS accountId, b.status AS status, b.reviewer AS reviewer, b.reviewedAt IS NOT NULL AS reviewed ORDER BY accountId',
      { ids: [approved, rejected] },
    );
    expect(statuses).toEqual(
      [
        { accountId: approved, status: 'approved', reviewer: 'alice', reviewed: true },
        { accountId: rejected, status: 'rejected', reviewer: 'bob', reviewed: true },
      ].sort((x, y) => (x.accountId < y.accountId ? -1 : 1)),
    );

    // a reviewer rejects a third candidate directly in Neo4j Browser
    await write(driver, "MATCH (b:BlacklistCandidate {accountId: $id}) SET b.status = 'rejected', b.reviewer = 'carol'", { id: rejectedInBrowser });

    const second = await runCli(['nightly', '--input', snapshot, '--out', state, '--run-id', 'r2', '--sink', 'neo4j']);
    expect(second.code, second.stderr).toBe(0);
    const decisions = (await DecisionLog.read(state)).current;
    expect(decisions.get(rejectedInBrowser)).toMatchObject({ decision: 'reject', by: 'carol', source: 'neo4j' });
    const again = new Set((await readCsv(join(state, 'runs', 'r2', 'candidates.csv'))).map((c) => c.account_id));
    expect(again.has(rejected)).toBe(false);
    expect(again.has(rejectedInBrowser)).toBe(false);
    expect(again.has(approved)).toBe(true);
    const kept = await rows<{ status: string }>(driver, 'MATCH (b:BlacklistCandidate {accountId: $id}) RETURN b.status AS status', { id: rejectedInBrowser });
    expect(kept).toEqual([{ status: 'rejected' }]);
  });

  it('a rejection set in Browser in a ring just confirmed in Browser stays rejected the next night', async () => {
    // the sequence of issue 9, with the statuses set the way a reviewer does it in Neo4j Browser
    const input = await suiteDir('fraud-rings-neo4j-review-20k-');
    await generateSnapshot({ accounts: 20000, seed: 909, out: input });
    const state = await suiteDir('fraud-rings-neo4j-review-seq-');
    const first = await runCli(['nightly', '--input', input, '--out', state, '--run-id', 's1', '--sink', 'neo4j']);
    expect(first.code, first.stderr).toBe(0);
    const pending = (await readCsv(join(state, 'runs', 's1', 'candidates.csv'))).filter((c) => !c.reasons!.split(';').includes('IS_KNOWN_FRAUD'));
    const byCluster = new Map<string, string[]>();
    for (const c of pending) byCluster.set(c.cluster_id!, [...(byCluster.get(c.cluster_id!) ?? []), c.account_id!]);
    const rings = [...byCluster.values()].filter((accounts) => accounts.length >= 2).slice(0, 5);
    expect(rings).toHaveLength(5);
    // the ring-mate with the larger id is approved, so an import in account order would see the rejection first
    const approve = rings.map((accounts) => [...accounts].sort().at(-1)!);
    const reject = rings.map((accounts) => [...accounts].sort()[0]!);
    const setStatus = "MATCH (b:BlacklistCandidate {accountId: $id}) SET b.status = $status, b.reviewer = 'carol'";
    for (const id of approve) await write(driver, setStatus, { id, status: 'approved' });
    for (const id of reject) await write(driver, setStatus, { id, status: 'rejected' });

    const second = await runCli(['nightly', '--input', input, '--out', state, '--run-id', 's2', '--sink', 'neo4j']);
    expect(second.code, second.stderr).toBe(0);
    const decisions = (await DecisionLog.read(state)).current;
    for (const id of reject) expect(decisions.get(id)).toMatchObject({ decision: 'reject', by: 'carol', source: 'neo4j' });
    const again = new Set((await readCsv(join(state, 'runs', 's2', 'candidates.csv'))).map((c) => c.account_id));
    expect(reject.filter((id) => again.has(id))).toEqual([]);
    const current = await rows<{ n: number }>(
      driver,
      'MATCH (b:BlacklistCandidate) WHERE b.accountId IN $ids AND b.current AND b.status = "pending" RETURN count(b) AS n',
      { ids: reject },
    );
    expect(current).toEqual([{ n: 0 }]);
  });
});
