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

describe('findComponents with many users per identifier', () => {
  it('keeps every user of an identifier in one component, whatever order the roots come in', () => {
    // p joins A0–A4 and q joins A1–A5 first; then r is used by A3, A4, A5, whose roots (3, 0, 1)
    // arrive in an order where two of them are smaller than the first
    const snapshot = makeSnapshot({
      accounts: ['A0', 'A1', 'A2', 'A3', 'A4', 'A5'].map((id) => ({ id })),
      links: [['A0', 'd', 'p'], ['A4', 'd', 'p'], ['A1', 'd', 'q'], ['A5', 'd', 'q'], ['A3', 'd', 'r'], ['A4', 'd', 'r'], ['A5', 'd', 'r']],
    });
    const graph = buildIdentifierGraph(snapshot);
    const c = findComponents(graph, weighIdentifiers(snapshot, graph, { hubMinAccounts: 30, kindWeights: { other: 1 } }));
    expect(c.count).toBe(2);
    expect(Array.from(c.componentOf)).toEqual([0, 0, 1, 0, 0, 0]);
  });
});
