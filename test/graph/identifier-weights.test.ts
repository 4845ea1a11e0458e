import { describe, expect, it } from 'vitest';
import { buildIdentifierGraph } from '../../src/graph/identifier-graph.js';
import { weighIdentifiers } from '../../src/graph/identifier-weights.js';
import { makeSnapshot } from '../support/make-snapshot.js';

describe('weighIdentifiers', () => {
  it('weights a shared identifier down by how many share it and turns large ones into hubs', () => {
    const accounts = Array.from({ length: 6 }, (_, i) => ({ id: `A${i}` }));
    const snapshot = makeSnapshot({
      accounts,
      links: [
        ['A0', 'device', 'pair'], ['A1', 'device', 'pair'],
        ['A0', 'address', 'trio'], ['A1', 'address', 'trio'], ['A2', 'address', 'trio'],
        ...accounts.map((a) => [a.id, 'ip', 'public'] as [string, string, string]),
        ['A5', 'email', 'alone'],
        ['A3', 'national_id', 'x'], ['A4', 'national_id', 'x'],
      ],
    });
    const graph = buildIdentifierGraph(snapshot);
    const w = weighIdentifiers(snapshot, graph, { hubMinAccounts: 5, kindWeights: { device: 1, address: 0.5, ip: 1, email: 1, other: 0.3 } });
    expect(Array.from(w.weight)).toEqual([1, 0.25, 0, 0, 0.3]);
    expect(Array.from(w.hub)).toEqual([0, 0, 1, 0, 0]);
    expect(w.hubCount).toBe(1);
  });

  it('thins the evidence of a value shared by more than four accounts, except for undiluted kinds', () => {
    const accounts = Array.from({ length: 8 }, (_, i) => ({ id: `A${i}` }));
    const snapshot = makeSnapshot({
      accounts,
      links: [
        ...accounts.map((a) => [a.id, 'device', 'office'] as [string, string, string]),
        ...accounts.map((a) => [a.id, 'phone', 'line'] as [string, string, string]),
      ],
    });
    const graph = buildIdentifierGraph(snapshot);
    const options = { hubMinAccounts: 30, kindWeights: { device: 0.6, phone: 0.6, other: 0.5 } };
    const full = -Math.log(1 - 0.6);
    const thinned = weighIdentifiers(snapshot, graph, options);
    expect(Array.from(thinned.evidence)).toEqual([full / 2, full / 2]);
    const kept = weighIdentifiers(snapshot, graph, { ...options, undilutedKinds: ['phone'] });
    const phone = snapshot.identifiers.kinds.indexOf('phone');
    expect(kept.evidence[snapshot.identifiers.kindOf.indexOf(phone)]).toBeCloseTo(full, 12);
    expect(kept.evidence[snapshot.identifiers.kindOf.indexOf(1 - phone)]).toBeCloseTo(full / 2, 12);
  });

  it('groups through an identifier from a share of the strongest kind\'s weight, whatever the weights measured tonight', () => {
    // an address shared by 3 and an IP shared by 2, in two snapshots whose weights differ tenfold
    const snapshot = makeSnapshot({
      accounts: ['A', 'B', 'C', 'D'].map((id) => ({ id })),
      links: [['A', 'device', 'd'], ['B', 'device', 'd'], ['A', 'address', 'drop'], ['B', 'address', 'drop'], ['C', 'address', 'drop'], ['C', 'ip', 'nat'], ['D', 'ip', 'nat']],
    });
    const graph = buildIdentifierGraph(snapshot);
    for (const scale of [1, 0.1]) {
      const w = weighIdentifiers(snapshot, graph, { hubMinAccounts: 30, kindWeights: { device: 0.6 * scale, address: 0.03 * scale, ip: 0.001 * scale }, linkMinShare: 0.005 });
      expect(w.linkMinWeight).toBeCloseTo(0.003 * scale, 12);
      // device 0.6, address 0.03 / 2 = 0.015 (an absolute 0.02 would drop it), IP 0.001
      expect(Array.from(w.link)).toEqual([1, 1, 0]);
    }
    // without a share every shared identifier groups
    expect(Array.from(weighIdentifiers(snapshot, graph, { hubMinAccounts: 30, kindWeights: { device: 0.6, address: 0.03, ip: 0.001 } }).link)).toEqual([1, 1, 1]);
  });
});

