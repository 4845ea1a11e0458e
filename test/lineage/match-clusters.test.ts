import { describe, expect, it } from 'vitest';
import { matchClusters, type ClusterMembers, type LineageResult } from '../../src/lineage/match-clusters.js';
import { compareCodeUnits } from '../../src/order.js';
import { accounts, fresh, mulberry32, provisionalId, shuffled } from '../support/rings.js';

const A = accounts('A', 8);
const B = accounts('B', 6);
const C = accounts('C', 5);
const previousRun: ClusterMembers[] = [
  { clusterId: 'FR-aaaaaaaaaaaa', members: A },
  { clusterId: 'FR-bbbbbbbbbbbb', members: B },
  { clusterId: 'FR-cccccccccccc', members: C },
];

/** final id of the current cluster with these members */
function idFor(result: LineageResult, members: readonly string[]): string {
  return result.idOf.get(provisionalId(members))!;
}

describe('matchClusters: one ring to one ring', () => {
  it('continues every cluster of an identical run under its previous id', () => {
    const result = matchClusters(previousRun, [fresh(A), fresh(B), fresh(C)]);
    expect(idFor(result, A)).toBe('FR-aaaaaaaaaaaa');
    expect(idFor(result, B)).toBe('FR-bbbbbbbbbbbb');
    expect(idFor(result, C)).toBe('FR-cccccccccccc');
    expect(result.idOf.size).toBe(3);
    expect(result.lineage).toEqual([
      { clusterId: 'FR-aaaaaaaaaaaa', event: 'continued', previousClusterIds: ['FR-aaaaaaaaaaaa'] },
      { clusterId: 'FR-bbbbbbbbbbbb', event: 'continued', previousClusterIds: ['FR-bbbbbbbbbbbb'] },
      { clusterId: 'FR-cccccccccccc', event: 'continued', previousClusterIds: ['FR-cccccccccccc'] },
    ]);
  });

  it('keeps the id of a ring that lost one of its 8 members: shrunk', () => {
    // overlap 7: 7/8 of the old ring and 7/7 of the new one
    const smaller = A.slice(0, 7);
    const result = matchClusters(previousRun, [fresh(smaller), fresh(B), fresh(C)]);
    expect(idFor(result, smaller)).toBe('FR-aaaaaaaaaaaa');
    expect(result.lineage[0]).toEqual({ clusterId: 'FR-aaaaaaaaaaaa', event: 'shrunk', previousClusterIds: ['FR-aaaaaaaaaaaa'] });
  });

  it('keeps the id of a ring that gained members: grown', () => {
    const bigger = [...A, 'X01', 'X02'];
    const result = matchClusters(previousRun, [fresh(bigger), fresh(B), fresh(C)]);
    expect(idFor(result, bigger)).toBe('FR-aaaaaaaaaaaa');
    expect(result.lineage[0]).toEqual({ clusterId: 'FR-aaaaaaaaaaaa', event: 'grown', previousClusterIds: ['FR-aaaaaaaaaaaa'] });
  });

  it('calls a ring of the same size with one member swapped continued', () => {
    const swapped = [...A.slice(1), 'X01'];
    const result = matchClusters(previousRun, [fresh(swapped), fresh(B), fresh(C)]);
    expect(idFor(result, swapped)).toBe('FR-aaaaaaaaaaaa');
    expect(result.lineage[0]!.event).toBe('continued');
  });

  it('keeps the id of a small ring that recruited many new accounts', () => {
    // all 5 of C are in the new cluster (5/5 of the old ring), though they are only 5/20 of it
    const recruited = [...C, ...accounts('X', 15)];
    const result = matchClusters(previousRun, [fresh(A), fresh(B), fresh(recruited)]);
    expect(idFor(result, recruited)).toBe('FR-cccccccccccc');
    expect(result.lineage.find((e) => e.clusterId === 'FR-cccccccccccc')!.event).toBe('grown');
  });
});

describe('matchClusters: births and deaths', () => {
  it('gives a brand-new ring its provisional id and event new', () => {
    const N = accounts('N', 4);
    const result = matchClusters(previousRun, [fresh(A), fresh(B), fresh(C), fresh(N)]);
    expect(idFor(result, N)).toBe(provisionalId(N));
    expect(result.lineage).toContainEqual({ clusterId: provisionalId(N), event: 'new', previousClusterIds: [] });
    expect(result.lineage).toHaveLength(4);
  });

  it('reports a ring that is gone as dissolved under its old id', () => {
    const result = matchClusters(previousRun, [fresh(A), fresh(C)]);
    expect(result.lineage).toEqual([
      { clusterId: 'FR-aaaaaaaaaaaa', event: 'continued', previousClusterIds: ['FR-aaaaaaaaaaaa'] },
      { clusterId: 'FR-bbbbbbbbbbbb', event: 'dissolved', previousClusterIds: [] },
      { clusterId: 'FR-cccccccccccc', event: 'continued', previousClusterIds: ['FR-cccccccccccc'] },
    ]);
  });

  it('handles a first run (no previous clusters) and an empty night', () => {
    const first = matchClusters([], [fresh(A)]);
    expect(first.lineage).toEqual([{ clusterId: provisionalId(A), event: 'new', previousClusterIds: [] }]);
    const empty = matchClusters(previousRun, []);
    expect(empty.idOf.size).toBe(0);
    expect(empty.lineage.map((e) => e.event)).toEqual(['dissolved', 'dissolved', 'dissolved']);
  });

  it('does not continue a ring of which less than a quarter is left, unless told to', () => {
    const big = accounts('G', 20);
    const remnant = big.slice(0, 4); // 4/4 of the new cluster came from G, but only 4/20 of G
    const previous = [{ clusterId: 'FR-gggggggggggg', members: big }];
    expect(matchClusters(previous, [fresh(remnant)]).lineage).toEqual([
      { clusterId: provisionalId(remnant), event: 'new', previousClusterIds: [] },
      { clusterId: 'FR-gggggggggggg', event: 'dissolved', previousClusterIds: [] },
    ].sort((x, y) => compareCodeUnits(x.clusterId, y.clusterId)));
    expect(matchClusters(previous, [fresh(remnant)], { minPieceShare: 0.2 }).lineage).toEqual([
      { clusterId: 'FR-gggggggggggg', event: 'shrunk', previousClusterIds: ['FR-gggggggggggg'] },
    ]);
  });
});

describe('matchClusters: merges and splits', () => {
  it('merges two rings under the id of the one with the larger overlap', () => {
    // A (8) and C (5) are both wholly inside the new cluster: overlaps 8 and 5
    const merged = [...A, ...C];
    const result = matchClusters(previousRun, [fresh(merged), fresh(B)]);
    expect(idFor(result, merged)).toBe('FR-aaaaaaaaaaaa');
    expect(result.lineage).toEqual([
      { clusterId: 'FR-aaaaaaaaaaaa', event: 'merged', previousClusterIds: ['FR-aaaaaaaaaaaa', 'FR-cccccccccccc'] },
      { clusterId: 'FR-bbbbbbbbbbbb', event: 'continued', previousClusterIds: ['FR-bbbbbbbbbbbb'] },
    ]);
  });

  it('breaks a tie between merged rings by the smaller id', () => {
    const P = accounts('P', 6);
    const Q = accounts('Q', 6);
    const previous = [
      { clusterId: 'FR-999999999999', members: P },
      { clusterId: 'FR-111111111111', members: Q },
    ];
    const result = matchClusters(previous, [fresh([...P, ...Q])]);
    expect(result.lineage).toEqual([{ clusterId: 'FR-111111111111', event: 'merged', previousClusterIds: ['FR-111111111111', 'FR-999999999999'] }]);
  });

  it('splits a ring in two halves: both pieces say split, exactly one keeps the id', () => {
    const left = A.slice(0, 4);
    const right = A.slice(4);
    const result = matchClusters(previousRun, [fresh(left), fresh(right), fresh(B), fresh(C)]);
    // equal overlaps (4 and 4): the piece with the smaller provisional id keeps the ring's id
    const [keeps, other] = [provisionalId(left), provisionalId(right)].sort(compareCodeUnits);
    expect(result.idOf.get(keeps!)).toBe('FR-aaaaaaaaaaaa');
    expect(result.idOf.get(other!)).toBe(other);
    expect(result.lineage.filter((e) => e.event === 'split')).toEqual(
      [
        { clusterId: 'FR-aaaaaaaaaaaa', event: 'split', previousClusterIds: ['FR-aaaaaaaaaaaa'] },
        { clusterId: other!, event: 'split', previousClusterIds: ['FR-aaaaaaaaaaaa'] },
      ].sort((x, y) => compareCodeUnits(x.clusterId, y.clusterId)),
    );
    expect(result.lineage.some((e) => e.event === 'dissolved')).toBe(false);
  });

  it('gives a ring split unevenly to its larger piece', () => {
    const ring = accounts('S', 10);
    const large = ring.slice(0, 6);
    const small = ring.slice(6); // 4 accounts: 40 % of the ring, all of the new cluster
    const result = matchClusters([{ clusterId: 'FR-ssssssssssss', members: ring }], [fresh(small), fresh(large)]);
    expect(idFor(result, large)).toBe('FR-ssssssssssss');
    expect(idFor(result, small)).toBe(provisionalId(small));
    expect(result.lineage.map((e) => e.event)).toEqual(['split', 'split']);
  });

  it('treats a splinter of two accounts as a new cluster and the ring as shrunk, not split', () => {
    const ring = accounts('S', 20);
    const rest = ring.slice(2);
    const splinter = [...ring.slice(0, 2), 'X01']; // 2/3 came from the ring, but 2 is 10 % of it
    const result = matchClusters([{ clusterId: 'FR-ssssssssssss', members: ring }], [fresh(rest), fresh(splinter)]);
    expect(idFor(result, rest)).toBe('FR-ssssssssssss');
    expect(result.lineage).toContainEqual({ clusterId: 'FR-ssssssssssss', event: 'shrunk', previousClusterIds: ['FR-ssssssssssss'] });
    expect(result.lineage).toContainEqual({ clusterId: provisionalId(splinter), event: 'new', previousClusterIds: [] });
  });

  it('lets a piece that is also a merge take the bigger id and hands the ring id to the next piece', () => {
    // S (10) splits 6/4; the 6 join all of T (8). Links: T→big 8, S→big 6, S→rest 4.
    const S = accounts('S', 10);
    const T = accounts('T', 8);
    const big = [...S.slice(0, 6), ...T];
    const rest = S.slice(6);
    const previous = [
      { clusterId: 'FR-ssssssssssss', members: S },
      { clusterId: 'FR-tttttttttttt', members: T },
    ];
    const result = matchClusters(previous, [fresh(big), fresh(rest)]);
    expect(idFor(result, big)).toBe('FR-tttttttttttt');
    expect(idFor(result, rest)).toBe('FR-ssssssssssss');
    expect(result.lineage).toEqual([
      { clusterId: 'FR-ssssssssssss', event: 'split', previousClusterIds: ['FR-ssssssssssss'] },
      { clusterId: 'FR-tttttttttttt', event: 'merged', previousClusterIds: ['FR-ssssssssssss', 'FR-tttttttttttt'] },
    ]);
  });

  it('ignores a few accounts moving from one ring to another', () => {
    // two of A join B: overlap 2 is 25 % of A but only 2/8 of the new B cluster, so no link
    const newA = A.slice(2);
    const newB = [...B, ...A.slice(0, 2)];
    const result = matchClusters(previousRun, [fresh(newA), fresh(newB), fresh(C)]);
    expect(result.lineage).toEqual([
      { clusterId: 'FR-aaaaaaaaaaaa', event: 'shrunk', previousClusterIds: ['FR-aaaaaaaaaaaa'] },
      { clusterId: 'FR-bbbbbbbbbbbb', event: 'grown', previousClusterIds: ['FR-bbbbbbbbbbbb'] },
      { clusterId: 'FR-cccccccccccc', event: 'continued', previousClusterIds: ['FR-cccccccccccc'] },
    ]);
  });
});

describe('matchClusters: ids stay unique', () => {
  it('gives the id to the member set it was minted for when that set comes back', () => {
    // Ring R got its id when it was R00–R03; it grew to R00–R09 and now splits back into
    // R00–R03 (provisional id = the ring's id) and R04–R09 (the larger overlap).
    const R = accounts('R', 10);
    const original = R.slice(0, 4);
    const other = R.slice(4);
    const result = matchClusters([{ clusterId: provisionalId(original), members: R }], [fresh(original), fresh(other)]);
    expect(idFor(result, original)).toBe(provisionalId(original));
    expect(idFor(result, other)).toBe(provisionalId(other));
    expect(result.lineage.map((e) => e.event)).toEqual(['split', 'split']);
  });

  it('never hands out a previous id again through a provisional id that collides with it', () => {
    // The previous cluster holding id h(N) has drifted away from N entirely; N is back on its own.
    const N = accounts('N', 4);
    const drifted = accounts('D', 5);
    const result = matchClusters([{ clusterId: provisionalId(N), members: drifted }], [fresh(N)]);
    const id = idFor(result, N);
    expect(id).toMatch(/^FR-[0-9a-f]{12}$/);
    expect(id).not.toBe(provisionalId(N));
    expect(result.lineage).toEqual(
      [
        { clusterId: id, event: 'new', previousClusterIds: [] },
        { clusterId: provisionalId(N), event: 'dissolved', previousClusterIds: [] },
      ].sort((x, y) => compareCodeUnits(x.clusterId, y.clusterId)),
    );
  });

  it('does not let a collision take the id that another cluster continues', () => {
    // id h(N) now belongs to the ring D, which continues; N reappears with no link to D.
    const N = accounts('N', 4);
    const D = accounts('D', 5);
    const result = matchClusters([{ clusterId: provisionalId(N), members: D }], [fresh(D), fresh(N)]);
    expect(idFor(result, D)).toBe(provisionalId(N));
    expect(idFor(result, N)).not.toBe(provisionalId(N));
    expect(new Set(result.idOf.values()).size).toBe(2);
  });

  it('rejects repeated cluster ids and bad options; ignores repeated members', () => {
    expect(() => matchClusters([{ clusterId: 'FR-1', members: A }, { clusterId: 'FR-1', members: B }], [])).toThrow(/repeat the id FR-1/);
    expect(() => matchClusters([], [], { minShare: 0 })).toThrow(RangeError);
    expect(() => matchClusters([], [], { minPieceMembers: 1.5 })).toThrow(RangeError);
    const doubled = matchClusters(previousRun, [{ clusterId: provisionalId(A), members: [...A, ...A] }]);
    expect(doubled.lineage[0]).toEqual({ clusterId: 'FR-aaaaaaaaaaaa', event: 'continued', previousClusterIds: ['FR-aaaaaaaaaaaa'] });
  });
});

describe('matchClusters: order and scale', () => {
  // previous: A, B, C, S (10), T (8), G (20). Tonight: A shrinks, B+C merge, S splits 5/5,
  // T continues, G is gone, and N is new.
  const S = accounts('S', 10);
  const T = accounts('T', 8);
  const previous: ClusterMembers[] = [
    ...previousRun,
    { clusterId: 'FR-ssssssssssss', members: S },
    { clusterId: 'FR-tttttttttttt', members: T },
    { clusterId: 'FR-gggggggggggg', members: accounts('G', 20) },
  ];
  const current = [A.slice(1), [...B, ...C], S.slice(0, 5), S.slice(5), T, accounts('N', 3)].map(fresh);

  it('gives the same result for any order of clusters and members', () => {
    const expected = matchClusters(previous, current);
    expect(expected.lineage.map((e) => e.event).sort()).toEqual(['dissolved', 'merged', 'new', 'shrunk', 'split', 'split', 'continued'].sort());
    const random = mulberry32(20261125);
    for (let round = 0; round < 20; round++) {
      const shuffle = (clusters: ClusterMembers[]) => shuffled(clusters, random).map((c) => ({ clusterId: c.clusterId, members: shuffled(c.members, random) }));
      const result = matchClusters(shuffle(previous), shuffle(current));
      expect(result.lineage).toEqual(expected.lineage);
      expect([...result.idOf].sort()).toEqual([...expected.idOf].sort());
    }
  });

  it('keeps at least 95 % of 100 rings under their ids when 1–2 % of members churn', () => {
    const random = mulberry32(42);
    const rings = Array.from({ length: 100 }, (_, r) => accounts(`R${r}-`, 4 + Math.floor(random() * 27)));
    const previous = rings.map((members, r) => ({ clusterId: `FR-prev${String(r).padStart(5, '0')}`, members }));
    const total = rings.reduce((n, ring) => n + ring.length, 0);
    const tonight = rings.map((ring) => [...ring]);
    // remove ~1.5 % of all members and add as many fresh accounts, each to a random ring
    const churn = Math.round(total * 0.015);
    for (let k = 0; k < churn; k++) {
      const from = tonight[Math.floor(random() * tonight.length)]!;
      from.splice(Math.floor(random() * from.length), 1);
      tonight[Math.floor(random() * tonight.length)]!.push(`X${k}`);
    }
    // and a few accounts move between rings
    for (let k = 0; k < churn / 2; k++) {
      const from = tonight[Math.floor(random() * tonight.length)]!;
      const [moved] = from.splice(Math.floor(random() * from.length), 1);
      tonight[Math.floor(random() * tonight.length)]!.push(moved!);
    }
    const current = shuffled(tonight.map(fresh), random);
    const result = matchClusters(shuffled(previous, random), current);

    const kept = tonight.filter((ring, r) => result.idOf.get(provisionalId(ring)) === previous[r]!.clusterId).length;
    expect(kept).toBeGreaterThanOrEqual(95);
    expect(new Set(result.idOf.values()).size).toBe(result.idOf.size);
    expect(result.lineage.filter((e) => e.event !== 'dissolved')).toHaveLength(100);
  });

  it('matches 50k clusters with 500k members each night without comparing all pairs', () => {
    const count = 50_000;
    const previous: ClusterMembers[] = [];
    const current: ClusterMembers[] = [];
    for (let c = 0; c < count; c++) {
      const members = accounts(`a${c}-`, 10);
      previous.push({ clusterId: `FR-p${c}`, members });
      current.push({ clusterId: `FR-c${c}`, members: c % 10 === 0 ? [...members.slice(1), `new${c}`] : members });
    }
    const started = performance.now();
    const result = matchClusters(previous, current);
    const seconds = (performance.now() - started) / 1000;
    expect(result.idOf.get('FR-c7')).toBe('FR-p7');
    expect(result.lineage.filter((e) => e.event === 'continued')).toHaveLength(count);
    expect(seconds).toBeLessThan(20);
  });
});
