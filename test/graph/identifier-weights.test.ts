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
});
