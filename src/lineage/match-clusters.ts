/**
 * Stable cluster identity across nightly runs.
 *
 * Louvain numbers communities afresh every night and a cluster's first id is a hash of its members,
 * so without this step a ring that gained one account would get a new id and be reviewed again.
 * Each night's clusters are matched to the previous run's by shared accounts, and a cluster that is
 * substantially the same ring keeps the previous id. The rules, with o = |C ∩ P| for a current
 * cluster C and a previous cluster P (member sets, duplicates ignored):
 *
 * 1. Link. P is a predecessor of C (and C a successor of P) when
 *      - most of P went into C (o ≥ minShare·|P|) or most of C came from P (o ≥ minShare·|C|), and
 *      - C holds a substantial piece of P: o ≥ minPieceShare·|P| and (o ≥ minPieceMembers or o = |P|).
 *    The second condition keeps splinters out: two accounts of a 20-account ring that end up in a
 *    new three-account cluster make that cluster new, and leave the ring 'shrunk', not 'split'.
 *    It also means a ring that keeps less than minPieceShare of its members is not continued: it
 *    is 'dissolved' and its remnant is 'new'. Every link is decided by one pair alone, so the
 *    link set does not depend on input order.
 * 2. Event of each current cluster C:
 *      - no predecessor                                 → 'new', previous ids []
 *      - two or more predecessors                       → 'merged', previous ids = all of them
 *      - one predecessor P, and P has other successors  → 'split', previous ids [P]
 *      - one predecessor P, and C is P's only successor → same member set: 'continued';
 *        otherwise 'grown' (|C| > |P|), 'shrunk' (|C| < |P|), or 'continued' (same size, some
 *        members swapped). Previous ids [P].
 *    A cluster that is both a piece of one ring and the union with another is 'merged': its
 *    previous ids name both, and the other pieces say 'split' from the first.
 *    Each previous cluster without any successor gets a 'dissolved' entry under its own id.
 * 3. Ids. Previous ids are handed out along links, strongest first: by overlap (descending), then
 *    previous id, then provisional id. A link hands over its previous id when neither the previous
 *    id nor the current cluster has been given one yet. So a one-to-one match always keeps the id,
 *    a merged cluster keeps the id of its predecessor with the largest overlap (ties: smallest id)
 *    and the largest piece of a split keeps the ring's id. When that piece already took another id
 *    (it is also a merge with a bigger overlap) the next piece gets it, so fewer bookmarks break.
 *    Every id is reused at most once.
 * 4. Collisions. A provisional id is a hash of the member set, so it can equal a previous id only
 *    when the member set that id was minted for has come back: then it is the same cluster, and a
 *    link between the two is served before all others. A current cluster that ends up without a
 *    previous id keeps its provisional id unless that id is a previous id (reusing it would
 *    resurrect a ring with no link to it) or another cluster's final id; then it gets a derived
 *    id, `FR-` + 12 hex of sha256(provisional id, counter), the first one that is free.
 *
 * Inputs are sorted by id first, so any input order gives the same result. Cost is linear in the
 * number of members (see cluster-overlaps.ts) plus sorting the links.
 */
import { createHash } from 'node:crypto';
import { clusterIdOf } from '../detect/cluster-id.js';
import { compareCodeUnits } from '../order.js';
import { clusterOverlaps, type ClusterOverlap } from './cluster-overlaps.js';

export interface ClusterMembers {
  clusterId: string;
  /** account ids */
  members: readonly string[];
}

export type LineageEvent = 'new' | 'continued' | 'grown' | 'shrunk' | 'merged' | 'split' | 'dissolved';

export interface LineageEntry {
  clusterId: string;
  event: LineageEvent;
  /** sorted by code units */
  previousClusterIds: string[];
}

export interface LineageOptions {
  /** share of P that went into C, or of C that came from P, for P to be C's predecessor (default 0.5) */
  minShare: number;
  /** share of P that C must hold to count as a piece of P (default 0.25) */
  minPieceShare: number;
  /** accounts of P that C must hold to count as a piece of P, unless C holds all of P (default 2) */
  minPieceMembers: number;
}

export interface LineageResult {
  /** final id for each current cluster, keyed by the provisional id it came in with */
  idOf: Map<string, string>;
  /** one entry per current cluster (by final id) plus one 'dissolved' entry per previous cluster without successor; sorted by clusterId then event */
  lineage: LineageEntry[];
}

export const defaultLineageOptions: LineageOptions = Object.freeze({ minShare: 0.5, minPieceShare: 0.25, minPieceMembers: 2 });

interface MemberSet {
  id: string;
  members: Set<string>;
}

export function matchClusters(previous: readonly ClusterMembers[], current: readonly ClusterMembers[], options: Partial<LineageOptions> = {}): LineageResult {
  const settings = resolveOptions(options);
  const prev = memberSets(previous, 'previous');
  const curr = memberSets(current, 'current');

  const links = clusterOverlaps(
    prev.map((p) => p.members),
    curr.map((c) => c.members),
  ).filter((l) => isLink(l.overlap, prev[l.previous]!.members.size, curr[l.current]!.members.size, settings));
  const successors: ClusterOverlap[][] = prev.map(() => []);
  const predecessors: ClusterOverlap[][] = curr.map(() => []);
  for (const link of links) {
    successors[link.previous]!.push(link);
    predecessors[link.current]!.push(link);
  }

  const finalIds = assignIds(prev, curr, links);
  const idOf = new Map<string, string>();
  const lineage: LineageEntry[] = [];
  for (let c = 0; c < curr.length; c++) {
    idOf.set(curr[c]!.id, finalIds[c]!);
    lineage.push({ clusterId: finalIds[c]!, ...eventOf(predecessors[c]!, successors, prev, curr) });
  }
  for (let p = 0; p < prev.length; p++) {
    if (successors[p]!.length === 0) lineage.push({ clusterId: prev[p]!.id, event: 'dissolved', previousClusterIds: [] });
  }
  lineage.sort((x, y) => compareCodeUnits(x.clusterId, y.clusterId) || compareCodeUnits(x.event, y.event));
  return { idOf, lineage };
}

function resolveOptions(options: Partial<LineageOptions>): LineageOptions {
  const settings = { ...defaultLineageOptions, ...options };
  const { minShare, minPieceShare, minPieceMembers } = settings;
  if (!(minShare > 0 && minShare <= 1)) throw new RangeError(`lineage minShare must be in (0, 1], got ${minShare}`);
  if (!(minPieceShare >= 0 && minPieceShare <= 1)) throw new RangeError(`lineage minPieceShare must be in [0, 1], got ${minPieceShare}`);
  if (!(Number.isInteger(minPieceMembers) && minPieceMembers >= 1)) throw new RangeError(`lineage minPieceMembers must be a positive integer, got ${minPieceMembers}`);
  return settings;
}

/** Sorted by id, members deduplicated; a repeated cluster id is a bug in the caller. */
function memberSets(clusters: readonly ClusterMembers[], which: string): MemberSet[] {
  const sets = clusters.map((c) => ({ id: c.clusterId, members: new Set(c.members) })).sort((x, y) => compareCodeUnits(x.id, y.id));
  for (let i = 1; i < sets.length; i++) {
    if (sets[i]!.id === sets[i - 1]!.id) throw new Error(`${which} clusters repeat the id ${sets[i]!.id}`);
  }
  return sets;
}

function isLink(overlap: number, previousSize: number, currentSize: number, o: LineageOptions): boolean {
  const mostOfEither = overlap >= o.minShare * previousSize || overlap >= o.minShare * currentSize;
  const piece = overlap >= o.minPieceShare * previousSize && (overlap >= o.minPieceMembers || overlap === previousSize);
  return mostOfEither && piece;
}

function eventOf(preds: readonly ClusterOverlap[], successors: readonly ClusterOverlap[][], prev: readonly MemberSet[], curr: readonly MemberSet[]): Omit<LineageEntry, 'clusterId'> {
  if (preds.length === 0) return { event: 'new', previousClusterIds: [] };
  const previousClusterIds = preds.map((l) => prev[l.previous]!.id).sort(compareCodeUnits);
  if (preds.length > 1) return { event: 'merged', previousClusterIds };
  const link = preds[0]!;
  if (successors[link.previous]!.length > 1) return { event: 'split', previousClusterIds };
  const before = prev[link.previous]!.members.size;
  const after = curr[link.current]!.members.size;
  const event: LineageEvent = after > before ? 'grown' : after < before ? 'shrunk' : 'continued';
  return { event, previousClusterIds };
}

function assignIds(prev: readonly MemberSet[], curr: readonly MemberSet[], links: readonly ClusterOverlap[]): string[] {
  const comeBack = (l: ClusterOverlap): number => (curr[l.current]!.id === prev[l.previous]!.id ? 1 : 0);
  const strongestFirst = [...links].sort(
    (x, y) =>
      comeBack(y) - comeBack(x) ||
      y.overlap - x.overlap ||
      compareCodeUnits(prev[x.previous]!.id, prev[y.previous]!.id) ||
      compareCodeUnits(curr[x.current]!.id, curr[y.current]!.id),
  );
  const finalIds: (string | undefined)[] = new Array(curr.length);
  const handedOver = new Uint8Array(prev.length);
  for (const link of strongestFirst) {
    if (finalIds[link.current] !== undefined || handedOver[link.previous]) continue;
    finalIds[link.current] = prev[link.previous]!.id;
    handedOver[link.previous] = 1;
  }

  const taken = new Set<string>(prev.map((p) => p.id));
  for (const id of finalIds) if (id !== undefined) taken.add(id);
  const clashing: number[] = [];
  for (let c = 0; c < curr.length; c++) {
    if (finalIds[c] !== undefined) continue;
    const provisional = curr[c]!.id;
    if (taken.has(provisional)) clashing.push(c);
    else {
      finalIds[c] = provisional;
      taken.add(provisional);
    }
  }
  // Derived ids must not take a provisional id that is still kept by the cluster it belongs to.
  for (const c of curr) taken.add(c.id);
  for (const c of clashing) {
    const id = derivedId(curr[c]!.id, taken);
    finalIds[c] = id;
    taken.add(id);
  }
  return finalIds as string[];
}

function derivedId(provisional: string, taken: ReadonlySet<string>): string {
  for (let n = 1; ; n++) {
    const id = clusterIdOf(createHash('sha256').update(`${provisional}\n${n}`));
    if (!taken.has(id)) return id;
  }
}
