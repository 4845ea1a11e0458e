import { describe, expect, it } from 'vitest';
import { measureKindAggregates } from '../../src/detect/kind-aggregates.js';
import { kindEvidenceOf } from '../../src/detect/kind-evidence.js';
import { buildIdentifierGraph } from '../../src/graph/identifier-graph.js';
import { makeSnapshot } from '../support/make-snapshot.js';

// devices: d1 on 2 accounts, d2 on 3, d3 on 2, d4 on 2, d5 on 4 (the hub size), d6 alone; A holds
// d1 twice (one link); phones: nothing shared
const snapshot = makeSnapshot({
  accounts: ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'I'].map((id) => ({ id })),
  links: [
    ['A', 'device', 'd1'], ['A', 'device', 'd1'], ['B', 'device', 'd1'],
    ['C', 'device', 'd2'], ['D', 'device', 'd2'], ['E', 'device', 'd2'],
    ['A', 'device', 'd3'], ['F', 'device', 'd3'],
    ['G', 'device', 'd4'], ['H', 'device', 'd4'],
    ['A', 'device', 'd5'], ['B', 'device', 'd5'], ['G', 'device', 'd5'], ['I', 'device', 'd5'],
    ['I', 'device', 'd6'],
    ['A', 'phone', 'p1'], ['B', 'phone', 'p2'],
  ],
}); // prettier-ignore
const graph = buildIdentifierGraph(snapshot);
const aggregates = measureKindAggregates(snapshot, graph, 4);
const byKind = Object.fromEntries(snapshot.identifiers.kinds.map((kind, id) => [kind, aggregates[id]!]));

describe('measureKindAggregates', () => {
  it('counts accounts with a kind, accounts sharing a non-hub value, hubs, and shared values by size', () => {
    // I shares only the hub; every other account shares a device of fewer than 4 accounts
    expect(byKind.device).toEqual({ accounts: 9, sharingAccounts: 8, hubs: 1, sharedSizes: [[2, 3], [3, 1]] });
    expect(byKind.phone).toEqual({ accounts: 2, sharingAccounts: 0, hubs: 0, sharedSizes: [] });
  });
});

describe('kindEvidenceOf', () => {
  const options = { classes: {}, classStrength: { identity: 0.97, instrument: 0.6, contact: 0.75, place: 0.3, other: 0.5 }, ordinaryShare: 0.2, pinned: {} };

  it('reads the mean and the 90th percentile off the histogram as off the sorted sizes', () => {
    // sizes 2, 2, 2, 3: mean 2.25; the lower nearest rank of 0.9 · 3 is position 2, a 2
    const [device] = kindEvidenceOf(['device'], [{ accounts: 9, sharingAccounts: 8, hubs: 1, sharedSizes: [[2, 3], [3, 1]] }], options);
    expect(device).toMatchObject({ sharedValues: 4, meanAccountsPerSharedValue: 2.25, p90AccountsPerSharedValue: 2, hubs: 1, accounts: 9, sharingAccounts: 8 });
    // one more value of 3 moves the percentile's position (0.9 · 4 → 3) onto it
    const [wider] = kindEvidenceOf(['device'], [{ accounts: 9, sharingAccounts: 8, hubs: 1, sharedSizes: [[2, 3], [3, 2]] }], options);
    expect(wider).toMatchObject({ sharedValues: 5, meanAccountsPerSharedValue: 2.4, p90AccountsPerSharedValue: 3 });
  });

  it('gives no shared values a mean and percentile of 0', () => {
    const [phone] = kindEvidenceOf(['phone'], [{ accounts: 2, sharingAccounts: 0, hubs: 0, sharedSizes: [] }], options);
    expect(phone).toMatchObject({ sharedValues: 0, meanAccountsPerSharedValue: 0, p90AccountsPerSharedValue: 0, sharingShare: 0 });
  });
});
