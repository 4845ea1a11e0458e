import { describe, expect, it } from 'vitest';
import { findComponents } from '../../src/graph/components.js';
import { buildIdentifierGraph } from '../../src/graph/identifier-graph.js';
import { weighIdentifiers } from '../../src/graph/identifier-weights.js';
import { makeSnapshot } from '../support/make-snapshot.js';

describe('findComponents', () => {
  it('links accounts through shared identifiers but never through a hub', () => {
    const snapshot = makeSnapshot({
      accounts: ['A', 'B', 'C', 'D', 'E'].map((id) => ({ id })),
      links: [
        ['A', 'device', 'd1'], ['B', 'device', 'd1'],
        ['C', 'card', 'c1'], ['D', 'card', 'c1'],
        ['A', 'address', 'locker'], ['B', 'address', 'locker'], ['C', 'address', 'locker'], ['D', 'address', 'locker'],
      ],
    });
    const graph = buildIdentifierGraph(snapshot);
    const weights = weighIdentifiers(snapshot, graph, { hubMinAccounts: 4, kindWeights: { other: 1 } });
    const c = findComponents(graph, weights);
    expect(c.count).toBe(3);
    expect(Array.from(c.componentOf)).toEqual([0, 0, 1, 1, 2]);
    expect(Array.from(c.members)).toEqual([0, 1, 2, 3, 4]);
    expect(Array.from(c.offsets)).toEqual([0, 2, 4, 5]);
  });
});
