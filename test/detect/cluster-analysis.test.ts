import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/config.js';
import { ClusterAnalyser, MAX_MEMBER_EVIDENCE } from '../../src/detect/cluster-analysis.js';
import { prepare } from '../support/detection-input.js';
import { identifierValues, makeSnapshot } from '../support/make-snapshot.js';

const options = { burstWindowDays: 14, classes: parseConfig({}).config.kinds.classes };

describe('ClusterAnalyser', () => {
  const snapshot = makeSnapshot({
    accounts: [
      { id: 'A', created: '2024-03-01', label: 'fraud' },
      { id: 'B', created: '2024-03-05' },
      { id: 'C', created: '2024-03-09' },
      { id: 'D', created: '2025-01-01', label: 'legit' },
      { id: 'X' },
      { id: 'Y' },
    ],
    links: [
      ['A', 'device', 'd1'], ['B', 'device', 'd1'],
      ['B', 'device', 'd2'], ['C', 'device', 'd2'],
      ['A', 'payment_instrument', 'card'], ['C', 'payment_instrument', 'card'], ['X', 'payment_instrument', 'card'],
      ['C', 'address', 'drop'], ['D', 'address', 'drop'],
      ['A', 'ip', 'hub'], ['B', 'ip', 'hub'], ['X', 'ip', 'hub'], ['Y', 'ip', 'hub'],
      ['D', 'email', 'own'],
    ],
    transactions: [['A', 'B', 'settled'], ['B', 'C', 'settled'], ['C', 'A', 'settled'], ['A', '', 'chargeback'], ['B', '', 'chargeback'], ['D', '', 'settled'], ['X', 'A', 'settled']],
  });
  const { input } = prepare(snapshot, 4);
  const analysis = new ClusterAnalyser(input, options).analyse(Int32Array.from([0, 1, 2, 3]));

  it('counts identifiers shared inside the cluster by kind, leaving hubs out', () => {
    expect(analysis.features).toMatchObject({
      size: 4,
      sharedIdentifiers: 4,
      sharedDevices: 2,
      sharedCards: 1,
      sharedAddresses: 1,
      sharedIps: 0,
      hubLinks: 2,
    });
    expect(analysis.shared.map((s) => [snapshot.identifiers.values.at(s.identifier), s.members])).toEqual([['d1', 2], ['d2', 2], ['card', 2], ['drop', 2]]);
  });

  it('finds the creation burst, chargebacks, internal transfers and the money cycle', () => {
    expect(analysis.features).toMatchObject({ burstMembers: 3, burstShare: 0.75, burstDays: 8, transactions: 6, chargebacks: 2, chargebackMembers: 2, internalTransfers: 3, transferCycle: 1 });
  });

  it('counts known labels and cards shared with a blacklisted account', () => {
    expect(analysis.features).toMatchObject({ knownFraudMembers: 1, legitMembers: 1, cardsSharedWithKnownFraud: 1 });
  });

  it('describes each member on its own', () => {
    expect(analysis.memberFeatures[0]).toMatchObject({ sharedIdentifiers: 2, strongSharedIdentifiers: 2, inBurst: 1, chargebacks: 1, memberTransfers: 2, knownFraud: 1, legit: 0, hubLinks: 1 });
    expect(analysis.memberFeatures[3]).toMatchObject({ sharedIdentifiers: 1, strongSharedIdentifiers: 0, inBurst: 0, chargebacks: 0, memberTransfers: 0, knownFraud: 0, legit: 1, hubLinks: 0 });
  });

  it('leaves each member\'s own label out of the label counts it sees', () => {
    expect(analysis.memberFeatures[0]).toMatchObject({ otherKnownFraud: 0, otherLegit: 1 });
    expect(analysis.memberFeatures[1]).toMatchObject({ otherKnownFraud: 1, otherLegit: 1 });
  });

  it('ties a member to the known fraud of its cluster only through more than a shared roof', () => {
    // D shares nothing but the drop address with C: living beside a blacklisted account's
    // accomplice is not being one. C shares a device and the card, so it is tied.
    expect(analysis.memberFeatures[3]).toMatchObject({ strongSharedIdentifiers: 0, otherKnownFraud: 0, otherLegit: 0 });
    expect(analysis.memberFeatures[2]).toMatchObject({ otherKnownFraud: 1 });
  });

  it('counts each known fraud member once, however many identifiers it shares with the member', () => {
    // A shares both d1 (device) and the card with the members it is tied to, and is counted once
    const chain = makeSnapshot({
      accounts: [{ id: 'A', label: 'fraud' }, { id: 'B' }, { id: 'C' }],
      links: [['A', 'device', 'd1'], ['B', 'device', 'd1'], ['A', 'payment_instrument', 'card'], ['B', 'payment_instrument', 'card'], ['B', 'device', 'd2'], ['C', 'device', 'd2']],
    });
    const analyser = new ClusterAnalyser(prepare(chain, 3).input, options);
    const members = analyser.analyse(Int32Array.from([0, 1, 2])).memberFeatures;
    expect(members[1]).toMatchObject({ strongSharedIdentifiers: 3, otherKnownFraud: 1 });
    // reported clusters are analysed a second time: the same members, the same counts
    expect(analyser.analyse(Int32Array.from([0, 1, 2])).memberFeatures).toEqual(members);
    // C shares a device with B only: the blacklisted account two steps away does not implicate it
    // (proximity, not the cluster's label count, carries that)
    expect(members[2]).toMatchObject({ strongSharedIdentifiers: 1, otherKnownFraud: 0 });
  });

  it('weighs an account\'s shared identifiers by kind: the strongest in full, the others discounted', () => {
    // A shares d1 (device) and the card with other members; D only the drop address
    const { weights } = input;
    const evidenceOf = (value: string) => weights.evidence[identifierValues(snapshot).indexOf(value)]!;
    const [strong, weak] = [evidenceOf('d1'), evidenceOf('card')].sort((x, y) => y - x);
    expect(analysis.memberFeatures[0]!.evidence).toBeCloseTo(Math.min(MAX_MEMBER_EVIDENCE, strong! + 0.5 * weak!), 3);
    expect(analysis.memberFeatures[0]!.evidence).toBeGreaterThan(strong!);
    expect(analysis.memberFeatures[3]!.evidence).toBeCloseTo(evidenceOf('drop'), 3);
    expect(analysis.memberFeatures[3]!.evidence).toBeLessThan(analysis.memberFeatures[0]!.evidence);
  });

  it('marks the share of each member\'s evidence that a shared roof explains', () => {
    // C and D share the drop address: half the members live under a shared roof
    expect(analysis.features.placeCoverage).toBe(0.5);
    for (const member of analysis.memberFeatures) expect(member.roofedEvidence).toBeCloseTo(member.evidence * 0.5, 2);
    expect(analysis.memberFeatures[0]!.roofedEvidence).toBeGreaterThan(0);
  });

  it('finds no cycle when money only flows one way', () => {
    const oneWay = makeSnapshot({ accounts: [{ id: 'A' }, { id: 'B' }, { id: 'C' }], links: [['A', 'device', 'd'], ['B', 'device', 'd'], ['C', 'device', 'd']], transactions: [['A', 'B', 'settled'], ['B', 'C', 'settled'], ['A', 'C', 'settled']] });
    const result = new ClusterAnalyser(prepare(oneWay).input, options).analyse(Int32Array.from([0, 1, 2]));
    expect(result.features.internalTransfers).toBe(3);
    expect(result.features.transferCycle).toBe(0);
  });
  describe('one shared resource', () => {
    const ten = Array.from({ length: 10 }, (_, i) => ({ id: `M${i}` }));
    const analyse = (links: Array<[string, string, string]>) =>
      new ClusterAnalyser(prepare(makeSnapshot({ accounts: ten, links })).input, options).analyse(Int32Array.from(ten.keys())).features.coveringMembers;
    const everyone = (kind: string, value: string): Array<[string, string, string]> => ten.map((a) => [a.id, kind, value]);

    it('counts the members behind an office IP and one corporate card that cover the cluster', () => {
      expect(analyse([...everyone('ip', 'office'), ['M0', 'payment_instrument', 'corp'], ['M1', 'payment_instrument', 'corp']])).toBe(10);
    });

    it('is 0 when a pool of strong values is shared beside the covering device', () => {
      const pool: Array<[string, string, string]> = [['M0', 'payment_instrument', 'c1'], ['M1', 'payment_instrument', 'c1'], ['M2', 'payment_instrument', 'c2'], ['M3', 'payment_instrument', 'c2']];
      expect(analyse([...everyone('device', 'd'), ...pool])).toBe(0);
      expect(analyse([...everyone('device', 'd'), ...pool.slice(0, 2)])).toBe(10);
    });
  });
});
