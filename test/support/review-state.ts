import type { Decision } from '../../src/review/decision.js';
import { mkdir, rename, rm, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { CandidateEvidence } from '../../src/detect/evidence.js';
import { csvText } from '../../src/io/csv-text.js';
import { tempDir } from './temp-dir.js';

/**
 * Evidence for one candidate, shaped like the nightly pipeline writes it: the account shares a
 * device with its cluster, uses an IP hub, and (optionally) reaches a blacklisted account.
 */
export function evidence(accountId: string, clusterId: string, overrides: Partial<CandidateEvidence> = {}): CandidateEvidence {
  const device = `device:dev-${clusterId}`;
  const shared = overrides.material?.sharedIdentifiers ?? [device, `card:pan:${clusterId.toLowerCase()}00ff`];
  const blacklisted = overrides.material?.blacklistedLinks ?? [];
  return {
    accountId,
    clusterId,
    evidenceVersion: `v-${accountId}-${shared.length}-${blacklisted.length}`,
    material: { sharedIdentifiers: shared, blacklistedLinks: blacklisted },
    score: 80,
    clusterScore: 85,
    clusterSummary: `5 accounts sharing 1 device and 1 card`,
    clusterContributions: [
      { code: 'SHARED_DEVICES', feature: 'sharedDevices', value: 1, points: 40, description: 'members share devices' },
      { code: 'CREATED_IN_BURST', feature: 'creationSpreadDays', value: 2.5, points: 45, description: 'accounts created within days' },
    ],
    memberContributions: [{ code: 'CHARGEBACKS', feature: 'chargebacks', value: 2, points: 30, description: 'the account has chargebacks' }],
    model: { source: 'learned', fraudLabels: 42, intercept: -3.2 },
    sharedIdentifiers: shared.map((id) => ({ kind: id.split(':')[0]!, value: id.slice(id.indexOf(':') + 1), accounts: 5, clusterMembers: 5 })),
    hubs: [{ kind: 'ip', value: '203.0.113.9', accounts: 812 }],
    pathsToBlacklisted: blacklisted.map((b) => ({ blacklistedAccountId: b, path: [accountId, device, 'X7', 'card:pan:9f9f', b] })),
    transactions: { transactions: 12, chargebacks: 2, transfersWithMembers: 4 },
    ...overrides,
  };
}

/** The reason codes the run lists for a candidate: positive cluster codes, then the account's. */
export function reasonsOf(e: CandidateEvidence): string[] {
  return [...e.clusterContributions, ...e.memberContributions].filter((c) => c.points > 0).map((c) => c.code);
}

/**
 * Writes `runs/<runId>/` (candidates.csv, and evidence.ndjson unless `withEvidence` is false) into
 * a state folder and points `latest -> runs/<runId>`, as a succeeded nightly run does.
 */
export async function writeRun(stateDir: string, runId: string, candidates: readonly CandidateEvidence[], options: { withEvidence?: boolean } = {}): Promise<void> {
  const dir = join(stateDir, 'runs', runId);
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'candidates.csv'), csvText(['account_id', 'cluster_id', 'score', 'reasons'], candidates.map((c) => [c.accountId, c.clusterId, c.score, reasonsOf(c).join(';')])));
  if (options.withEvidence !== false) await writeFile(join(dir, 'evidence.ndjson'), candidates.map((c) => `${JSON.stringify(c)}\n`).join(''));
  const temp = join(stateDir, '.latest.tmp');
  await rm(temp, { force: true });
  await symlink(join('runs', runId), temp);
  await rename(temp, join(stateDir, 'latest'));
}

/** A cluster's candidates: `prefix1..prefixN` in cluster `clusterId`. */
export function cluster(clusterId: string, prefix: string, size: number): CandidateEvidence[] {
  return Array.from({ length: size }, (_, i) => evidence(`${prefix}${i + 1}`, clusterId));
}

/** A state folder whose latest run lists the given candidates. */
export async function stateWith(candidates: readonly CandidateEvidence[], runId = '20261125T013000Z'): Promise<string> {
  const state = await tempDir('fraud-rings-review-');
  await writeRun(state, runId, candidates);
  return state;
}

/** A decision as the log holds it, for tests that start from decisions rather than a decide call. */
export function decisionFor(
  accountId: string,
  kind: Decision['decision'],
  material: Decision['material'] = { sharedIdentifiers: ['device:d1'], blacklistedLinks: [] },
): Decision {
  return {
    accountId,
    decision: kind,
    by: 'alice',
    at: '2026-11-25T09:00:00.000Z',
    note: '',
    clusterId: 'C1',
    runId: 'r1',
    evidenceVersion: 'v1',
    material,
    reasons: ['SHARED_DEVICES'],
    source: 'cli',
  };
}
