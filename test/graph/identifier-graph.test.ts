import { describe, expect, it } from 'vitest';
import { accountsSharing, buildIdentifierGraph } from '../../src/graph/identifier-graph.js';
import { makeSnapshot } from '../support/make-snapshot.js';

describe('buildIdentifierGraph', () => {
  it('merges repeated account–identifier rows and indexes both directions', () => {
    const snapshot = makeSnapshot({
      accounts: [{ id: 'A' }, { id: 'B' }, { id: 'C' }],
      links: [['B', 'device', 'd1'], ['A', 'device', 'd1'], ['A', 'email', 'e'], ['A', 'device', 'd1'], ['C', 'device', 'd1']],
    });
    snapshot.links.firstSeen.set([Number.NaN, 300, 0, 100, Number.NaN]);
    snapshot.links.lastSeen.set([Number.NaN, 400, 0, 900, Number.NaN]);
    const graph = buildIdentifierGraph(snapshot);
    expect(Array.from(graph.accountOffsets)).toEqual([0, 2, 3, 4]);
    expect(Array.from(graph.accountIdentifiers)).toEqual([0, 1, 0, 0]);
    // A's two rows for d1 merged: earliest first seen, latest last seen
    expect(graph.firstSeen[0]).toBe(100);
    expect(graph.lastSeen[0]).toBe(900);
    expect(accountsSharing(graph, 0)).toBe(3);
    expect(accountsSharing(graph, 1)).toBe(1);
    expect(Array.from(graph.identifierAccounts.subarray(graph.identifierOffsets[0]!, graph.identifierOffsets[1]!))).toEqual([0, 1, 2]);
  });

  it('builds the same graph without link times when asked, leaving only the times empty', () => {
    const snapshot = makeSnapshot({
      accounts: [{ id: 'A' }, { id: 'B' }, { id: 'C' }],
      links: [['C', 'email', 'e'], ['B', 'device', 'd1'], ['A', 'email', 'e'], ['A', 'device', 'd1'], ['A', 'email', 'e'], ['C', 'device', 'd1']],
    });
    const full = buildIdentifierGraph(snapshot);
    const bare = buildIdentifierGraph(snapshot, { linkTimes: false });
    expect(bare.firstSeen).toHaveLength(0);
    expect(bare.lastSeen).toHaveLength(0);
    expect(full.firstSeen).toHaveLength(full.accountIdentifiers.length);
    for (const key of ['accountOffsets', 'accountIdentifiers', 'identifierOffsets', 'identifierAccounts'] as const) expect(Array.from(bare[key])).toEqual(Array.from(full[key]));
    expect(Array.from(bare.accountIdentifiers)).toEqual([0, 1, 1, 0, 1]);
  });
});
