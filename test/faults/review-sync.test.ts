import { join } from 'node:path';
import type { Driver } from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decide } from '../../src/review/decide.js';
import { DecisionLog } from '../../src/review/decision-log.js';
import { Neo4jDecisionSink } from '../../src/sinks/neo4j/review-decisions.js';
import { requireServer, rows, settings, write } from '../support/neo4j-test-server.js';
import { writeRingSnapshot } from '../support/ring-snapshot.js';
import { readCsv } from '../support/snapshot-files.js';
import { tempDir } from '../support/temp-dir.js';
import { clear, neo4jNight } from './support/night.js';

/** No reviewer decision is changed except by a later reviewer action (issue 29, case 4). */
let driver: Driver;

beforeAll(async () => {
  driver = await requireServer();
});

afterAll(async () => {
  await driver?.close();
});

const statusOf = async (accountId: string) => (await rows<{ status: string }>(driver, 'MATCH (b:BlacklistCandidate {accountId: $accountId}) RETURN b.status AS status', { accountId }))[0]?.status;

describe('review sync', () => {
  it('does not copy a status the log has superseded back as a new decision, and mirrors the later CLI decision to Neo4j', async () => {
    const input = await tempDir();
    await writeRingSnapshot(input, { accounts: 1500, seed: 44 });
    await clear(driver);
    const state = await tempDir();
    await neo4jNight(input, state, 'v1');
    const [a, b, c] = (await readCsv(join(state, 'runs', 'v1', 'candidates.csv'))).filter((x) => !x.reasons!.includes('IS_KNOWN_FRAUD')).map((x) => x.account_id!);

    // 1. approve with --sink neo4j; 2. reject without it
    const sink = await Neo4jDecisionSink.open(settings);
    try {
      await decide(state, { target: { accountId: a! }, decision: 'approve', by: 'alice' }, [sink]);
    } finally {
      await sink.close();
    }
    await decide(state, { target: { accountId: a! }, decision: 'reject', by: 'bob' });
    await decide(state, { target: { accountId: c! }, decision: 'approve', by: 'bob' });
    expect(await statusOf(a!)).toBe('approved');

    // 3. the night: bob's rejection stands, and bob's decisions reach Neo4j
    await neo4jNight(input, state, 'v2');
    const log = await DecisionLog.read(state);
    expect(log.historyOf(a!).map((d) => `${d.decision} ${d.by} ${d.source}`)).toEqual(['approve alice cli', 'reject bob cli']);
    expect(await statusOf(a!)).toBe('rejected');
    expect(await statusOf(c!)).toBe('approved');

    // later reviewer actions in Browser are still decisions: with reviewedAt, or without it after the mirror
    const v2 = new Set((await readCsv(join(state, 'runs', 'v2', 'candidates.csv'))).map((x) => x.account_id));
    expect([v2.has(b!), v2.has(c!)]).toEqual([true, true]);
    await write(driver, "MATCH (x:BlacklistCandidate {accountId: $id}) SET x.status = 'approved', x.reviewer = 'carol', x.reviewedAt = datetime()", { id: b });
    await write(driver, "MATCH (x:BlacklistCandidate {accountId: $id}) SET x.status = 'rejected', x.reviewer = 'dave'", { id: c });
    await neo4jNight(input, state, 'v3');
    const after = await DecisionLog.read(state);
    expect(after.current.get(b!)).toMatchObject({ decision: 'approve', by: 'carol', source: 'neo4j' });
    expect(after.current.get(c!)).toMatchObject({ decision: 'reject', by: 'dave', source: 'neo4j' });
    expect(after.current.get(a!)).toMatchObject({ decision: 'reject', by: 'bob', source: 'cli' });

    // and a night with nothing new changes nothing
    const lines = after.entries.length;
    await neo4jNight(input, state, 'v4');
    expect((await DecisionLog.read(state)).entries.length).toBe(lines);
    expect([await statusOf(a!), await statusOf(b!), await statusOf(c!)]).toEqual(['rejected', 'approved', 'rejected']);
  });
});
