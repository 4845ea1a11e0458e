import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { nightly } from '../../pipelines/nightly.js';
import { parseConfig } from '../../src/config/config.js';
import { generateSnapshot } from '../../src/generate/generate-snapshot.js';
import { createLogger } from '../../src/log.js';
import { blacklistRows } from '../../src/review/blacklist-export.js';
import { decide } from '../../src/review/decide.js';
import { DecisionLog } from '../../src/review/decision-log.js';
import { copySnapshot, readCsv, writeCsv } from '../support/snapshot-files.js';
import { suiteDir, tempDir } from '../support/temp-dir.js';

const log = createLogger({ silent: true });
const config = parseConfig({});

let snapshot: string;
beforeAll(async () => {
  snapshot = await suiteDir('fraud-rings-review-');
  await generateSnapshot({ accounts: 5000, seed: 5150, out: snapshot });
});

describe('review decisions feed the next night', () => {
  it('approved accounts become known fraud, rejected ones stay out until their evidence changes', async () => {
    const state = await tempDir();
    const first = await nightly({ input: snapshot, stateDir: state, config, runId: 'n1', log });
    const candidates = (await readCsv(join(first.runPath, 'candidates.csv'))).filter((c) => !c.reasons!.split(';').includes('IS_KNOWN_FRAUD'));
    // one account from each of ten clusters: approving a member of a ring would (rightly) re-open
    // a rejected member of the same ring, since it now links to a blacklisted account
    const onePerCluster = [...new Map(candidates.map((c) => [c.cluster_id, c.account_id!])).values()];
    expect(onePerCluster.length).toBeGreaterThanOrEqual(10);
    const approve = onePerCluster.slice(0, 5);
    const reject = onePerCluster.slice(5, 10);
    for (const accountId of approve) await decide(state, { target: { accountId }, decision: 'approve', by: 'alice', note: 'shared cards' });
    for (const accountId of reject) await decide(state, { target: { accountId }, decision: 'reject', by: 'bob', note: 'family' });

    const second = await nightly({ input: snapshot, stateDir: state, config, runId: 'n2', log });
    const again = await readCsv(join(second.runPath, 'candidates.csv'));
    const ids = new Set(again.map((c) => c.account_id));
    for (const accountId of reject) expect(ids.has(accountId), accountId).toBe(false);
    expect(second.manifest.counts.suppressedRejected).toBe(5);
    expect(second.manifest.counts.approvedKnownFraud).toBe(5);
    for (const accountId of approve) expect(again.find((c) => c.account_id === accountId)?.reasons).toContain('IS_KNOWN_FRAUD');
    const exported = blacklistRows((await DecisionLog.read(state)).current);
    expect(exported.map((r) => r.account_id).sort()).toEqual([...approve].sort());
    expect(exported.every((r) => r.reviewer === 'alice' && r.reasons !== '')).toBe(true);

    // new evidence for one rejected account: it starts using a device of another member of its cluster
    const target = reject[0]!;
    const members = await readCsv(join(first.runPath, 'members.csv'));
    const clusterId = members.find((m) => m.account_id === target)!.cluster_id;
    const others = new Set(members.filter((m) => m.cluster_id === clusterId && m.account_id !== target).map((m) => m.account_id));
    const rows = await readCsv(join(snapshot, 'identifiers.csv'));
    const own = new Set(rows.filter((r) => r.account_id === target).map((r) => `${r.kind}:${r.value}`));
    const borrowed = rows.find((r) => others.has(r.account_id) && r.kind === 'device' && !own.has(`${r.kind}:${r.value}`))!;
    const changed = await tempDir('fraud-rings-changed-');
    await copySnapshot(snapshot, changed);
    await writeCsv(join(changed, 'identifiers.csv'), [...rows, { ...borrowed, account_id: target }]);

    const third = await nightly({ input: changed, stateDir: state, config, runId: 'n3', log });
    const back = (await readCsv(join(third.runPath, 'candidates.csv'))).filter((c) => reject.includes(c.account_id!));
    expect(back.map((c) => c.account_id)).toEqual([target]);
    expect(back[0]!.reasons).toContain('REOPENED');
    const candidateRows = (await readCsv(join(third.runPath, 'candidates.csv'))).length;
    expect(candidateRows).toBe(third.manifest.counts.candidates);
    expect(third.manifest.counts.reopened).toBe(1);
  });
});
