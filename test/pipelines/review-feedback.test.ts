import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { nightly } from '../../pipelines/nightly.js';
import { parseConfig } from '../../src/config/config.js';
import type { CandidateEvidence } from '../../src/detect/evidence.js';
import { generateSnapshot } from '../../src/generate/generate-snapshot.js';
import { createLogger } from '../../src/log.js';
import { blacklistRows } from '../../src/review/blacklist-export.js';
import { decide } from '../../src/review/decide.js';
import { DecisionLog } from '../../src/review/decision-log.js';
import { copySnapshot, readCsv, writeCsv } from '../support/snapshot-files.js';
import { suiteDir, tempDir } from '../support/temp-dir.js';

const log = createLogger({ silent: true });
/** An identifier row as the loader compares it: device ids are case-insensitive, and the export spells some in upper case. */
const spelling = (r: Record<string, string | undefined>) => `${r.kind}:${r.value!.toLowerCase()}`;
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
    // one account from each of ten clusters (rejections in the rings of approved accounts: below)
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
    const own = new Set(rows.filter((r) => r.account_id === target).map(spelling));
    const borrowed = rows.find((r) => others.has(r.account_id) && r.kind === 'device' && !own.has(spelling(r)))!;
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

  it('a rejection in a ring the reviewer just confirmed stays rejected; a new shared identifier re-opens it', async () => {
    // the sequence of issue 9: a night on 20k accounts; approve five pending candidates; then reject
    // five others, in the same rings as the approved five; the next night on the same snapshot
    const input = await tempDir('fraud-rings-review-20k-');
    await generateSnapshot({ accounts: 20000, seed: 909, out: input });
    const state = await tempDir();
    const first = await nightly({ input, stateDir: state, config, runId: 'n1', log });
    const pending = (await readCsv(join(first.runPath, 'candidates.csv'))).filter((c) => !c.reasons!.split(';').includes('IS_KNOWN_FRAUD'));
    const byCluster = new Map<string, string[]>();
    for (const c of pending) byCluster.set(c.cluster_id!, [...(byCluster.get(c.cluster_id!) ?? []), c.account_id!]);
    const rings = [...byCluster.values()].filter((accounts) => accounts.length >= 2).slice(0, 5);
    expect(rings).toHaveLength(5);
    const approve = rings.map((accounts) => accounts[0]!);
    const reject = rings.map((accounts) => accounts[1]!);
    for (const accountId of approve) await decide(state, { target: { accountId }, decision: 'approve', by: 'alice', note: 'confirmed ring' });
    for (const accountId of reject) await decide(state, { target: { accountId }, decision: 'reject', by: 'alice', note: 'only borrowed a device' });

    const second = await nightly({ input, stateDir: state, config, runId: 'n2', log });
    const again = new Set((await readCsv(join(second.runPath, 'candidates.csv'))).map((c) => c.account_id));
    expect(reject.filter((accountId) => again.has(accountId))).toEqual([]);
    expect(second.manifest.counts.suppressedRejected).toBe(5);
    expect(second.manifest.counts.reopened).toBe(0);

    // a genuinely new shared identifier still re-opens: the first rejected account starts using a
    // device of a ring-mate it did not use
    const target = reject[0]!;
    const rows = await readCsv(join(input, 'identifiers.csv'));
    const own = new Set(rows.filter((r) => r.account_id === target).map(spelling));
    const members = await readCsv(join(first.runPath, 'members.csv'));
    const clusterOfTarget = members.find((m) => m.account_id === target)!.cluster_id;
    const mates = new Set(members.filter((m) => m.cluster_id === clusterOfTarget && m.account_id !== target).map((m) => m.account_id));
    const borrowed = rows.find((r) => mates.has(r.account_id) && r.kind === 'device' && !own.has(spelling(r)))!;
    expect(borrowed, 'a device of a ring-mate the target does not use').toBeDefined();
    const changed = await tempDir('fraud-rings-changed-');
    await copySnapshot(input, changed);
    await writeCsv(join(changed, 'identifiers.csv'), [...rows, { ...borrowed, account_id: target }]);

    const third = await nightly({ input: changed, stateDir: state, config, runId: 'n3', log });
    const back = (await readCsv(join(third.runPath, 'candidates.csv'))).filter((c) => reject.includes(c.account_id!));
    expect(back.map((c) => c.account_id)).toEqual([target]);
    expect(back[0]!.reasons).toContain('REOPENED');
    const bundle = (await readFile(join(third.runPath, 'evidence.ndjson'), 'utf8'))
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as CandidateEvidence)
      .find((e) => e.accountId === target)!;
    // the approved ring-mate is a blacklisted link now, but the reviewer knew it: not a change
    expect(bundle.material.blacklistedLinks).toContain(approve[0]);
    expect(bundle.reopened!.changes).toHaveLength(1);
    expect(bundle.reopened!.changes[0]).toMatch(/^new shared device:/);
  });
});
