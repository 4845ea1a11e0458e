import { describe, expect, it } from 'vitest';
import { collectEvidence } from '../../src/detect/collect-evidence.js';
import type { Detection } from '../../src/detect/detection.js';
import { prepare } from '../support/detection-input.js';
import { memberFeatures, oneCandidateDecision, oneCommunityStats, priorCalibration, priorModel } from '../support/detection-fixtures.js';
import { makeSnapshot } from '../support/make-snapshot.js';

describe('collectEvidence', () => {
  // C0 — C1 — C2 form the cluster; C2 links on to a blacklisted account B through a card, and
  // B2 (blacklisted) is three identifiers away; everyone uses the public IP hub
  const snapshot = makeSnapshot({
    accounts: [{ id: 'C0' }, { id: 'C1' }, { id: 'C2' }, { id: 'B', label: 'fraud' }, { id: 'X' }, { id: 'B2', label: 'fraud' }, { id: 'H1' }, { id: 'H2' }],
    links: [
      ['C0', 'device', 'd1'], ['C1', 'device', 'd1'],
      ['C1', 'device', 'd2'], ['C2', 'device', 'd2'],
      ['C2', 'payment_instrument', 'card'], ['B', 'payment_instrument', 'card'],
      ['C0', 'phone', 'p'], ['X', 'phone', 'p'],
      ['X', 'email', 'e'], ['B2', 'email', 'e'],
      ...(['C0', 'C1', 'C2', 'B', 'H1', 'H2'].map((id) => [id, 'ip', 'public'] as [string, string, string])),
    ],
    transactions: [['C0', '', 'chargeback'], ['C0', 'C1', 'settled']],
  });
  const { input } = prepare(snapshot, 5);
  const members = Int32Array.from([0, 1, 2]);
  const features = memberFeatures({ sharedIdentifiers: 2, strongSharedIdentifiers: 2, inBurst: 1, chargebacks: 1, memberTransfers: 1, hubLinks: 1 });
  const detection: Detection = {
    clusters: [{ clusterId: 'FR-1', members, score: 80, features: {} as never, contributions: [{ code: 'SHARED_DEVICE', feature: 'sharedDevices', value: 2, points: 15, description: '' }], shared: [], summary: '3 accounts share 2 devices' }],
    candidates: [{ account: 0, clusterId: 'FR-1', score: 90, memberPoints: 100, features, contributions: [], reasons: ['SHARED_DEVICE'] }],
    model: priorModel,
    calibration: priorCalibration,
    decision: oneCandidateDecision,
    accountRisk: { ids: [], risk: new Float32Array(0), fraudLabel: new Uint8Array(0) },
    stats: oneCommunityStats,
  };

  it('lists shared identifiers with counts, names hubs apart, and finds the shortest paths to blacklisted accounts', () => {
    const [evidence] = collectEvidence(input, detection, { maxPathHops: 4, maxPaths: 3 });
    expect(evidence!.accountId).toBe('C0');
    expect(evidence!.sharedIdentifiers).toEqual([
      { kind: 'device', value: 'd1', accounts: 2, clusterMembers: 2 },
      { kind: 'phone', value: 'p', accounts: 2, clusterMembers: 1 },
    ]);
    expect(evidence!.hubs).toEqual([{ kind: 'ip', value: 'public', accounts: 6 }]);
    expect(evidence!.pathsToBlacklisted).toEqual([
      { blacklistedAccountId: 'B2', path: ['C0', 'phone:p', 'X', 'email:e', 'B2'] },
      { blacklistedAccountId: 'B', path: ['C0', 'device:d1', 'C1', 'device:d2', 'C2', 'payment_instrument:card', 'B'] },
    ]);
    expect(evidence!.material).toEqual({ sharedIdentifiers: ['device:d1', 'phone:p'], blacklistedLinks: ['B', 'B2'] });
    expect(evidence!.evidenceVersion).toMatch(/^[0-9a-f]{16}$/);
    expect(evidence!.transactions).toEqual({ transactions: 2, chargebacks: 1, transfersWithMembers: 1 });
    // and where its points came from
    expect(evidence!.model).toEqual({ source: 'prior', fraudLabels: 0, intercept: -4, calibration: 'priors, not calibrated (0 fraud labels)' });
  });

  it('stops at the hop limit, and changes the evidence version when material evidence changes', () => {
    const [near] = collectEvidence(input, detection, { maxPathHops: 2, maxPaths: 3 });
    expect(near!.pathsToBlacklisted.map((p) => p.blacklistedAccountId)).toEqual(['B2']);
    const [far] = collectEvidence(input, detection, { maxPathHops: 4, maxPaths: 3 });
    expect(near!.evidenceVersion).not.toBe(far!.evidenceVersion);
  });
});
