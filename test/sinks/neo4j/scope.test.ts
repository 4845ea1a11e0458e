import { wholeGraphFacts, wholeGraphView } from '../../../src/graph/graph-facts.js';
import { oneCandidateDecision, oneCommunityStats, priorCalibration, priorModel } from '../../support/detection-fixtures.js';
import { isInt } from 'neo4j-driver';
import { describe, expect, it } from 'vitest';
import type { Cluster, Detection } from '../../../src/detect/detection.js';
import { accountBatching, accountRows, candidateRows, clusterRows, countUses, featureProperties, identifierRows, memberRows } from '../../../src/sinks/neo4j/graph-rows.js';
import { selectScope } from '../../../src/sinks/neo4j/scope.js';
import type { RunOutput } from '../../../src/sinks/sink.js';
import { prepare } from '../../support/detection-input.js';
import { makeSnapshot } from '../../support/make-snapshot.js';

/**
 * R1–R3 are a ring (device d1); R1 also uses the hub address h (shared with H1–H3, hub at 3+
 * accounts here); F1 is labelled fraud and shares phone p with N1; L1–L2 are unrelated.
 */
function output(): RunOutput {
  const snapshot = makeSnapshot({
    accounts: [
      { id: 'R1', created: '2024-01-01T00:00:00Z' },
      { id: 'R2' },
      { id: 'R3' },
      { id: 'H1' },
      { id: 'H2' },
      { id: 'H3' },
      { id: 'F1', label: 'fraud' },
      { id: 'N1', label: 'legit' },
      { id: 'L1' },
      { id: 'L2' },
    ],
    links: [
      ['R1', 'device', 'd1'],
      ['R2', 'device', 'd1'],
      ['R3', 'device', 'd1'],
      ['R1', 'address', 'h'],
      ['H1', 'address', 'h'],
      ['H2', 'address', 'h'],
      ['H3', 'address', 'h'],
      ['H1', 'email', 'h1@x'],
      ['F1', 'phone', 'p'],
      ['N1', 'phone', 'p'],
      ['N1', 'email', 'n1@x'],
      ['L1', 'ip', '10.0.0.1'],
      ['L2', 'ip', '10.0.0.1'],
    ],
  });
  snapshot.accounts.properties.set('country', ['GB', '', 'FR', 'GB', 'GB', 'GB', 'GB', 'GB', 'GB', 'GB']);
  snapshot.accounts.properties.set('label', Array(10).fill('sneaky'));
  const { input } = prepare(snapshot, 4);
  const cluster: Cluster = {
    clusterId: 'FR-1',
    members: Int32Array.from([0, 1, 2]),
    score: 80,
    features: { size: 3, burstShare: 1, chargebackRate: 0 } as unknown as Cluster['features'],
    contributions: [{ code: 'SHARED_DEVICE', feature: 'sharedDevices', value: 1, points: 15, description: '' }],
    shared: [{ identifier: 0, members: 3 }],
    summary: '3 accounts share a device',
  };
  const detection: Detection = {
    clusters: [cluster],
    candidates: [{ account: 0, clusterId: 'FR-1', score: 70, memberPoints: 60, features: {} as never, contributions: [], reasons: ['SHARED_DEVICE'] }],
    model: priorModel,
    calibration: priorCalibration,
    decision: oneCandidateDecision,
    accountRisk: { ids: [], risk: new Float32Array(0), fraudLabel: new Uint8Array(0) },
    stats: oneCommunityStats,
  };
  return {
    run: { runId: 'run-1', startedAt: '', configHash: '', version: '' },
    accountIds: snapshot.accounts.ids,
    facts: wholeGraphFacts(wholeGraphView(snapshot, input.graph, input.weights.hub)),
    snapshot,
    graph: input.graph,
    weights: input.weights,
    detection,
    evidence: [],
    lineage: [{ clusterId: 'FR-1', event: 'grown', previousClusterIds: ['FR-0'] }],
    firstSeen: new Map([['FR-1', 'run-0']]),
    previousRunId: 'run-0',
  };
}

const ids = (o: RunOutput, flags: Uint8Array) => o.snapshot.accounts.ids.filter((_, a) => flags[a]);

describe('selectScope', () => {
  it('full: everything', () => {
    const o = output();
    const s = selectScope(o, 'full');
    expect(s.accountCount).toBe(10);
    expect(s.identifierCount).toBe(o.snapshot.identifiers.values.length);
    expect(countUses(o, s)).toBe(13);
  });

  it("clusters: members and fraud accounts, all their identifiers (hubs too) and the identifiers' other accounts", () => {
    const o = output();
    const s = selectScope(o, 'clusters');
    expect(ids(o, s.accounts)).toEqual(['R1', 'R2', 'R3', 'H1', 'H2', 'H3', 'F1', 'N1']);
    const keys = [...identifierRows(o, s)].map(([key]) => key);
    expect(keys.sort()).toEqual(['address:h', 'device:d1', 'phone:p']);
    // H1's e-mail and N1's e-mail are not written, nor are their USES
    const uses = [...accountRows(o, s)].flatMap(([accountId, , , , used]) => used.map(([key]) => `${accountId}>${key}`));
    expect(uses).toEqual(['R1>device:d1', 'R1>address:h', 'R2>device:d1', 'R3>device:d1', 'H1>address:h', 'H2>address:h', 'H3>address:h', 'F1>phone:p', 'N1>phone:p']);
    expect(countUses(o, s)).toBe(uses.length);
  });
});

describe('rows', () => {
  it('accounts: integers as Neo4j integers, unknown as null, extra columns without overriding own properties', () => {
    const o = output();
    const rows = [...accountRows(o, selectScope(o, 'full'))];
    const [accountId, createdAt] = rows[0]!;
    expect(accountId).toBe('R1');
    expect(isInt(createdAt)).toBe(true);
    expect(createdAt!.toNumber()).toBe(Date.parse('2024-01-01T00:00:00Z'));
    expect(rows[1]![1]).toBeNull();
    expect(rows[1]![3]).toEqual({ country: null });
    expect(rows[6]![2]).toBe('fraud');
    expect(rows[7]![2]).toBe('legit');
    expect(rows[8]![2]).toBeNull();
  });

  it('accounts carry their USES; a batch sends them sorted by identifier key, each pointing at its account', () => {
    const o = output();
    const rows = [...accountRows(o, selectScope(o, 'full'))];
    expect(rows.reduce((n, row) => n + accountBatching.weightOf(row), 0)).toBe(rows.length + countUses(o, selectScope(o, 'full')));
    const { rows: accounts, uses } = accountBatching.params(rows);
    expect(accounts.map((row) => row.length)).toEqual(rows.map(() => 5));
    expect(accounts.map((row) => row[0])).toEqual(rows.map((row) => row[0]));
    // the last field is the account's rowHash (accounts-create stores it)
    expect(accounts.map((row) => row[4])).toEqual(rows.map((row) => row[5]));
    const keys = uses.map((use) => use[1]);
    expect(keys).toEqual([...keys].sort());
    // the same relationships as the rows hold, with their times
    const sent = uses.map(([at, key, first, last]) => `${rows[at.toNumber()]![0]}>${key} ${first} ${last}`).sort();
    const held = rows.flatMap(([accountId, , , , used]) => used.map(([key, first, last]) => `${accountId}>${key} ${first} ${last}`)).sort();
    expect(sent).toEqual(held);
    expect(uses.every(([at]) => isInt(at))).toBe(true);
  });

  it('identifiers: key, kind label, hub flag and account count', () => {
    const o = output();
    const rows = [...identifierRows(o, selectScope(o, 'full'))];
    const [key, kind, value, labels, hub, accountCount] = rows.find(([key]) => key === 'address:h')!;
    expect({ key, kind, value, labels, hub }).toEqual({ key: 'address:h', kind: 'address', value: 'h', labels: ['Address', 'Hub'], hub: true });
    expect(accountCount.toNumber()).toBe(4);
    expect(rows.find(([key]) => key === 'ip:10.0.0.1')![3]).toEqual(['IP']);
  });

  it('clusters, members and candidates are keyed by run', () => {
    const o = output();
    const [cluster] = clusterRows(o);
    expect(cluster).toMatchObject({
      key: 'FR-1@run-1',
      clusterId: 'FR-1',
      reasons: ['SHARED_DEVICE'],
      sharedIdentifierKeys: ['device:d1'],
      firstSeenRunId: 'run-0',
      lineageEvent: 'grown',
      previousClusterIds: ['FR-0'],
    });
    expect(cluster!.score).toBe(80);
    expect([...memberRows(o)]).toEqual([
      { key: 'FR-1@run-1', accountId: 'R1' },
      { key: 'FR-1@run-1', accountId: 'R2' },
      { key: 'FR-1@run-1', accountId: 'R3' },
    ]);
    expect(candidateRows(o)[0]).toMatchObject({ accountId: 'R1', clusterId: 'FR-1', clusterKey: 'FR-1@run-1', reasons: ['SHARED_DEVICE'] });
  });

  it('features: counts as integers, rates and shares as floats whatever their value', () => {
    const props = featureProperties({ size: 3, burstShare: 1, chargebackRate: 0, burstDays: 2 });
    expect(isInt(props.size)).toBe(true);
    expect(isInt(props.burstDays)).toBe(true);
    expect(props.burstShare).toBe(1);
    expect(props.chargebackRate).toBe(0);
  });
});
