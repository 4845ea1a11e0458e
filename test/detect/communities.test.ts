import { describe, expect, it } from 'vitest';
import { detectCommunities } from '../../src/detect/communities.js';
import { prepare } from '../support/detection-input.js';
import { idsOf, makeSnapshot, type SnapshotSpec } from '../support/make-snapshot.js';

/** A ring of n accounts reusing a pool of devices and cards: each member uses two of them. */
function ring(prefix: string, n: number): SnapshotSpec['links'] {
  const links: SnapshotSpec['links'] = [];
  for (let i = 0; i < n; i++) {
    links.push([`${prefix}${i}`, 'device', `${prefix}-dev-${i % 3}`]);
    links.push([`${prefix}${i}`, 'payment_instrument', `${prefix}-card-${(i + 1) % 2}`]);
  }
  return links;
}

const options = { seed: 7, resolution: 1, minClusterSize: 3, minModularity: 0.3, mergeMinBridges: 2, maxComponentAccounts: 20_000, linkMinWeight: 0 };

describe('detectCommunities', () => {
  const accounts = [...Array.from({ length: 8 }, (_, i) => ({ id: `R${i}` })), ...Array.from({ length: 7 }, (_, i) => ({ id: `S${i}` })), { id: 'P0' }, { id: 'P1' }];
  const links: SnapshotSpec['links'] = [...ring('R', 8), ...ring('S', 7), ['R0', 'device', 'touch'], ['S0', 'device', 'touch'], ['P0', 'email', 'e'], ['P1', 'email', 'e']];

  it('splits two rings that touch through one device and drops groups below the minimum size', () => {
    const snapshot = makeSnapshot({ accounts, links });
    const { input, components } = prepare(snapshot);
    const result = detectCommunities(input.graph, input.weights, components, snapshot.accounts.ids, options);
    expect(result.communities.map((c) => idsOf(snapshot, c))).toEqual([
      ['R0', 'R1', 'R2', 'R3', 'R4', 'R5', 'R6', 'R7'],
      ['S0', 'S1', 'S2', 'S3', 'S4', 'S5', 'S6'],
    ]);
    expect(result.largestComponent).toBe(15);
  });

  it('keeps a small ring whole instead of splitting it into pairs', () => {
    const snapshot = makeSnapshot({ accounts: ['A', 'B', 'C', 'D'].map((id) => ({ id })), links: [['A', 'device', 'd1'], ['B', 'device', 'd1'], ['B', 'device', 'd2'], ['C', 'device', 'd2'], ['C', 'card', 'c'], ['D', 'card', 'c']] });
    const { input, components } = prepare(snapshot);
    const result = detectCommunities(input.graph, input.weights, components, snapshot.accounts.ids, options);
    expect(result.communities.map((c) => idsOf(snapshot, c))).toEqual([['A', 'B', 'C', 'D']]);
  });

  it('gives the same communities for the same seed, whatever the run', () => {
    const snapshot = makeSnapshot({ accounts, links });
    const { input, components } = prepare(snapshot);
    const a = detectCommunities(input.graph, input.weights, components, snapshot.accounts.ids, options).communities.map((c) => Array.from(c));
    const b = detectCommunities(input.graph, input.weights, components, snapshot.accounts.ids, options).communities.map((c) => Array.from(c));
    expect(b).toEqual(a);
  });
});
