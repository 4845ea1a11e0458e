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

const options = { seed: 7, resolution: 1, minClusterSize: 3, minModularity: 0.3, mergeMinBridges: 2, maxComponentAccounts: 20_000 };

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

  it('brings the sub-pools of a ring back together through a device and a drop address, and keeps two households touching through one device apart', () => {
    // Ring: sub-pool X (X0-X4 on card cx) and sub-pool Y (Y0-Y4 on card cy); X0 and Y0 share a
    // device, and all ten collect at one drop address. Households H (H0-H3) and K (K0-K3) share a
    // tablet and a card each and touch through one device H0-K0.
    const sub = (prefix: string): SnapshotSpec['links'] => Array.from({ length: 5 }, (_, i) => [`${prefix}${i}`, 'payment_instrument', `c${prefix}`] as [string, string, string]);
    const home = (prefix: string): SnapshotSpec['links'] =>
      Array.from({ length: 4 }, (_, i) => [[`${prefix}${i}`, 'device', `tablet-${prefix}`], [`${prefix}${i}`, 'payment_instrument', `family-${prefix}`]] as Array<[string, string, string]>).flat();
    const ids = ['X', 'Y', 'H', 'K'].flatMap((p) => Array.from({ length: p === 'X' || p === 'Y' ? 5 : 4 }, (_, i) => `${p}${i}`));
    const snapshot = makeSnapshot({
      accounts: ids.map((id) => ({ id })),
      links: [
        ...sub('X'), ...sub('Y'), ['X0', 'device', 'dxy'], ['Y0', 'device', 'dxy'],
        ...['X', 'Y'].flatMap((p) => Array.from({ length: 5 }, (_, i) => [`${p}${i}`, 'address', 'drop'] as [string, string, string])),
        ...home('H'), ...home('K'), ['H0', 'device', 'hk'], ['K0', 'device', 'hk'],
      ],
    });
    const { input, components } = prepare(snapshot);
    const result = detectCommunities(input.graph, input.weights, components, snapshot.accounts.ids, options);
    const groups = result.communities.map((c) => idsOf(snapshot, c).sort());
    expect(groups).toContainEqual(['X0', 'X1', 'X2', 'X3', 'X4', 'Y0', 'Y1', 'Y2', 'Y3', 'Y4']);
    expect(groups).toContainEqual(['H0', 'H1', 'H2', 'H3']);
    expect(groups).toContainEqual(['K0', 'K1', 'K2', 'K3']);
  });

  describe('bridges between Louvain pieces', () => {
    const link = (id: string, kind: string, value: string): [string, string, string] => [id, kind, value];
    const each = (prefix: string, n: number, kind: string, value: string) => Array.from({ length: n }, (_, i) => link(`${prefix}${i}`, kind, value));
    const names = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}${i}`);
    const groupsOf = (spec: SnapshotSpec, merge: Partial<typeof options> = {}) => {
      const snapshot = makeSnapshot(spec);
      const { input, components } = prepare(snapshot);
      return detectCommunities(input.graph, input.weights, components, snapshot.accounts.ids, { ...options, ...merge }).communities.map((c) => idsOf(snapshot, c).sort());
    };
    // Louvain's own split, with no bridge strong enough to merge
    const noMerge = { mergeMinBridges: 1_000 };

    it('brings a ring whose pieces share a pool plus a place back into one group, though neither is used by two members on each side', () => {
      // sub-pools X (card cX) and Y (card cY); the pool device is X0's, X1's and Y0's, the drop
      // address X0's, Y0's and Y1's: two members on each side meet through a pool and a place
      const ring: SnapshotSpec = {
        accounts: [...names('X', 5), ...names('Y', 5)].map((id) => ({ id })),
        links: [
          ...each('X', 5, 'payment_instrument', 'cX'),
          ...each('Y', 5, 'payment_instrument', 'cY'),
          ...['X0', 'X1', 'Y0'].map((id) => link(id, 'device', 'pool')),
          ...['X0', 'Y0', 'Y1'].map((id) => link(id, 'address', 'drop')),
        ],
      };
      expect(groupsOf(ring, noMerge)).toEqual([names('X', 5), names('Y', 5)]);
      expect(groupsOf(ring)).toEqual([[...names('X', 5), ...names('Y', 5)]]);
    });

    // Company C (corporate card, office IP) and household H (tablet, family card).
    const companyAndHousehold = (extra: Array<[string, string, string]>): SnapshotSpec => ({
      accounts: [...names('C', 8), ...names('H', 4)].map((id) => ({ id })),
      links: [...each('C', 8, 'payment_instrument', 'corporate'), ...each('C', 8, 'ip', 'office'), ...each('H', 4, 'device', 'tablet'), ...each('H', 4, 'payment_instrument', 'family'), ...extra],
    });

    it('keeps a household apart from a company when one member of the household uses the office card and IP', () => {
      // two bridging identifiers, but one account: that member belongs to its household
      const spec = companyAndHousehold([link('H0', 'payment_instrument', 'corporate'), link('H0', 'ip', 'office')]);
      expect(groupsOf(spec, noMerge)).toEqual([names('C', 8), names('H', 4)]);
      expect(groupsOf(spec)).toEqual([names('C', 8), names('H', 4)]);
    });

    it('merges them once two members of the household share the office card and IP', () => {
      const spec = companyAndHousehold([link('H0', 'payment_instrument', 'corporate'), link('H1', 'ip', 'office')]);
      expect(groupsOf(spec, noMerge)).toEqual([names('C', 8), names('H', 4)]);
      expect(groupsOf(spec)).toEqual([[...names('C', 8), ...names('H', 4)]]);
    });
  });
});
