import { describe, expect, it } from 'vitest';
import { reachableMembers } from '../../src/evaluate/reachable-members.js';
import type { Truth } from '../../src/evaluate/truth.js';
import { makeSnapshot } from '../support/make-snapshot.js';

function truthOf(rings: Record<string, string>, ids: string[]): Truth {
  const ringIds = [...new Set(Object.values(rings))];
  const ringOf = Int32Array.from(ids, (id) => (rings[id] ? ringIds.indexOf(rings[id]!) : -1));
  const fraud = Uint8Array.from(ringOf, (r) => (r >= 0 ? 1 : 0));
  return { index: new Map(ids.map((id, i) => [id, i])), ringOf, ringIds, ringSizes: ringIds.map((r) => Object.values(rings).filter((x) => x === r).length), fraud, fraudAccounts: fraud.reduce((a, b) => a + b, 0) };
}

describe('reachableMembers', () => {
  it('counts members tied to a fellow member by a non-hub identifier, not through outsiders or hubs', () => {
    const ids = ['A1', 'A2', 'A3', 'A4', 'A5', 'B1', 'B2', 'H1', 'H2', 'H3'];
    const snapshot = makeSnapshot({
      accounts: ids.map((id) => ({ id })),
      links: [
        // A1–A2 share a device; A2–A3 a card: A1, A2, A3 reachable (a chain is enough).
        ['A1', 'device', 'd1'],
        ['A2', 'device', 'd1'],
        ['A2', 'payment_instrument', 'c1'],
        ['A3', 'payment_instrument', 'c1'],
        // A4 reaches A5 only through an honest account H1: not reachable.
        ['A4', 'phone', 'p1'],
        ['H1', 'phone', 'p1'],
        ['H1', 'phone', 'p2'],
        ['A5', 'phone', 'p2'],
        // B1 and B2 share only a hub (4 accounts, hub size 4): not reachable.
        ['B1', 'ip', 'hub'],
        ['B2', 'ip', 'hub'],
        ['H2', 'ip', 'hub'],
        ['H3', 'ip', 'hub'],
        // a member listed twice on one identifier is still alone on it
        ['A4', 'email', 'e1'],
        ['A4', 'email', 'e1'],
      ],
    });
    const truth = truthOf({ A1: 'RA', A2: 'RA', A3: 'RA', A4: 'RA', A5: 'RA', B1: 'RB', B2: 'RB' }, ids);
    const found = reachableMembers(snapshot, truth, 4);
    expect(found.count).toBe(3);
    expect(found.hubs).toBe(1);
    expect(ids.filter((_, i) => found.reachable[i] === 1)).toEqual(['A1', 'A2', 'A3']);
    // one more account of room below the hub size and B1, B2 are reachable
    expect(reachableMembers(snapshot, truth, 5).count).toBe(5);
  });

  it('maps snapshot accounts to truth by id, whatever the order', () => {
    const snapshot = makeSnapshot({
      accounts: [{ id: 'X2' }, { id: 'X1' }],
      links: [
        ['X1', 'device', 'd'],
        ['X2', 'device', 'd'],
      ],
    });
    const truth = truthOf({ X1: 'R', X2: 'R' }, ['X1', 'X2', 'X3']);
    expect(Array.from(reachableMembers(snapshot, truth, 30).reachable)).toEqual([1, 1, 0]);
  });
});
