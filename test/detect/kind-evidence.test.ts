import { describe, expect, it } from 'vitest';
import { buildIdentifierGraph } from '../../src/graph/identifier-graph.js';
import { kindWeightsOf, measureKindEvidence, measuredWeight, undilutedKindsOf, type KindEvidenceOptions } from '../../src/detect/kind-evidence.js';
import { shrunkShare } from '../../src/detect/ordinary-share.js';
import { makeSnapshot } from '../support/make-snapshot.js';

const options: KindEvidenceOptions = {
  hubMinAccounts: 4,
  classes: { device: 'instrument', ip: 'place', address: 'place' },
  classStrength: { identity: 0.97, instrument: 0.6, contact: 0.75, place: 0.3, other: 0.5 },
  ordinaryShare: 0.2,
  pinned: { address: 0.1 },
};

describe('measureKindEvidence', () => {
  // devices: A–B share d1, C–D–E share d2, F alone (A also has a device nobody else uses);
  // IPs: A–E on one hub, F alone; loyalty cards (a kind the config never names): E–F share one;
  // addresses: A–B share one, but the config pins the kind's weight
  const snapshot = makeSnapshot({
    accounts: ['A', 'B', 'C', 'D', 'E', 'F'].map((id) => ({ id })),
    links: [
      ['A', 'device', 'd1'], ['B', 'device', 'd1'], ['A', 'device', 'own'],
      ['C', 'device', 'd2'], ['D', 'device', 'd2'], ['E', 'device', 'd2'],
      ['F', 'device', 'd3'],
      ['A', 'ip', 'hub'], ['B', 'ip', 'hub'], ['C', 'ip', 'hub'], ['D', 'ip', 'hub'], ['E', 'ip', 'hub'],
      ['F', 'ip', 'home'],
      ['E', 'loyalty_card', 'l1'], ['F', 'loyalty_card', 'l1'],
      ['A', 'address', 'x'], ['B', 'address', 'x'],
    ],
  });
  const evidence = measureKindEvidence(snapshot, buildIdentifierGraph(snapshot), options);
  const byKind = Object.fromEntries(evidence.map((e) => [e.kind, e]));

  it('reports every kind of the snapshot', () => {
    expect(evidence.map((e) => e.kind).sort()).toEqual(['address', 'device', 'ip', 'loyalty_card']);
  });

  it('measures the share of accounts with a kind that share a value of it, counting each account once', () => {
    // 6 accounts have a device (A's two devices count once); all but F share one
    expect(byKind.device).toMatchObject({ accounts: 6, sharingAccounts: 5, sharingShare: Math.round((5 / 6) * 10_000) / 10_000, sharedValues: 2, meanAccountsPerSharedValue: 2.5, hubs: 0 });
    // the 90th percentile of [2, 3] by the lower nearest rank is 2
    expect(byKind.device!.p90AccountsPerSharedValue).toBe(2);
  });

  it('does not count a hub as sharing: it is reported apart', () => {
    expect(byKind.ip).toMatchObject({ accounts: 6, sharingAccounts: 0, sharingShare: 0, sharedValues: 0, meanAccountsPerSharedValue: 0, p90AccountsPerSharedValue: 0, hubs: 1 });
    // rarely shared (once the hub is left out): the class strength, unchanged
    expect(byKind.ip!.weight).toBe(options.classStrength.place);
  });

  it('weights a commonly shared kind below its class strength, by the shrunk measured share', () => {
    const expected = measuredWeight(0.6, shrunkShare(5, 6, 0.2), 0.2);
    expect(byKind.device!.weight).toBeCloseTo(expected, 4);
    expect(byKind.device!.weight).toBeLessThan(0.6);
    // six accounts say little: the weight stays well above what the raw share 5/6 would give
    expect(byKind.device!.weight).toBeGreaterThan(measuredWeight(0.6, 5 / 6, 0.2) + 0.2);
    expect(byKind.device!.pinned).toBe(false);
  });

  it('gives a kind the config never named the class `other` and its strength', () => {
    expect(byKind.loyalty_card).toMatchObject({ class: 'other', accounts: 2, sharingAccounts: 2, sharingShare: 1 });
    expect(byKind.loyalty_card!.weight).toBeCloseTo(measuredWeight(0.5, shrunkShare(2, 2, 0.2), 0.2), 4);
    expect(byKind.loyalty_card!.weight).toBeLessThan(0.5);
  });

  it('keeps a pinned weight as configured, whatever the snapshot says', () => {
    expect(byKind.address).toMatchObject({ class: 'place', sharingShare: 1, weight: 0.1, pinned: true });
    expect(kindWeightsOf(evidence)).toEqual({ device: byKind.device!.weight, ip: 0.3, loyalty_card: byKind.loyalty_card!.weight, address: 0.1 });
  });
});

describe('undilutedKindsOf', () => {
  it('names the identity and contact kinds, not devices, cards, places or unnamed kinds', () => {
    const kind = (name: string, cls: string) => ({ kind: name, class: cls }) as unknown as Parameters<typeof undilutedKindsOf>[0][number];
    const kinds = [kind('device', 'instrument'), kind('passport', 'identity'), kind('phone', 'contact'), kind('ip', 'place'), kind('loyalty_card', 'other')];
    expect(undilutedKindsOf(kinds)).toEqual(['passport', 'phone']);
  });
});

describe('measuredWeight', () => {
  it('leaves a rarely shared kind at its class strength', () => {
    expect(measuredWeight(0.6, 0.05, 0.2)).toBe(0.6);
    expect(measuredWeight(0.6, 0.2, 0.2)).toBe(0.6);
  });

  it('lowers the weight by the log-odds the share exceeds the ordinary share', () => {
    // strength 0.5 is even odds; share 0.5 has odds 1, ordinary 0.2 odds 1/4: odds fall 4-fold to 1/4, i.e. 0.2
    expect(measuredWeight(0.5, 0.5, 0.2)).toBeCloseTo(0.2, 10);
    // just above the ordinary share the weight is still about the class strength
    expect(measuredWeight(0.6, 0.2001, 0.2)).toBeCloseTo(0.6, 3);
  });

  it('falls steadily as the kind gets more common, and stops falling at a share of 0.99', () => {
    const shares = [0.2, 0.3, 0.5, 0.7, 0.9, 0.99];
    const weights = shares.map((s) => measuredWeight(0.75, s, 0.2));
    for (let i = 1; i < weights.length; i++) expect(weights[i]!).toBeLessThan(weights[i - 1]!);
    expect(weights.at(-1)!).toBeGreaterThan(0);
    expect(measuredWeight(0.75, 1, 0.2)).toBe(weights.at(-1));
  });

  it('keeps the ends: a strength of 0 stays 0 and a strength of 1 stays 1', () => {
    expect(measuredWeight(0, 0.9, 0.2)).toBe(0);
    expect(measuredWeight(1, 0.9, 0.2)).toBe(1);
  });
});
