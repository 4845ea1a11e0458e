import { describe, expect, it } from 'vitest';
import { clusterGraphFacts, wholeGraphFacts, wholeGraphView } from '../../src/graph/graph-facts.js';
import { buildIdentifierGraph } from '../../src/graph/identifier-graph.js';
import { weighIdentifiers } from '../../src/graph/identifier-weights.js';
import { makeSnapshot } from '../support/make-snapshot.js';

describe('graph facts', () => {
  const snapshot = makeSnapshot({
    accounts: [{ id: 'A', label: 'fraud' }, { id: 'B' }, { id: 'C' }, { id: 'D' }],
    links: [
      ['B', 'device', 'd1'], ['A', 'device', 'd1'],
      ['A', 'address', 'locker'], ['B', 'address', 'locker'], ['C', 'address', 'locker'], ['D', 'address', 'locker'],
    ],
  });
  const graph = buildIdentifierGraph(snapshot);
  const weights = weighIdentifiers(snapshot, graph, { hubMinAccounts: 3, kindWeights: { other: 1 } });
  const device = [...Array(snapshot.identifiers.kindOf.length).keys()].find((i) => snapshot.identifiers.values.at(i) === 'd1')!;

  it('names a cluster\'s shared identifiers, known fraud and hubs from the whole graph', () => {
    const facts = wholeGraphFacts(wholeGraphView(snapshot, graph, weights.hub));
    const members = Int32Array.from([0, 1]);
    expect(facts.cluster({ clusterId: 'FR-1', members, shared: [{ identifier: device, members: 2 }] })).toEqual({
      shared_identifiers: [{ kind: 'device', value: 'd1', members: 2, accounts: 2, member_ids: ['A', 'B'] }],
      known_fraud_members: ['A'],
      hubs: [{ kind: 'address', value: 'locker', accounts: 4, member_ids: ['A', 'B'] }],
    });
    expect(facts.hubs()).toEqual([{ kind: 'address', value: 'locker', accountCount: 4 }]);
  });

  it('counts an identifier\'s accounts with the view\'s whole-night count, not the graph it holds (a bucket)', () => {
    const view = { ...wholeGraphView(snapshot, graph, weights.hub), accountsOf: (i: number) => (i === device ? 7 : 40) };
    const facts = clusterGraphFacts(view, Int32Array.from([0, 1]), [{ identifier: device, members: 2 }]);
    expect(facts.shared_identifiers[0]!.accounts).toBe(7);
    expect(facts.hubs[0]!.accounts).toBe(40);
  });
});
