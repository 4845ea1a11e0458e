import { UndirectedGraph } from 'graphology';
import louvainModule from 'graphology-communities-louvain';
import { carveComponent, lightestLink, type Components } from '../graph/components.js';
import type { IdentifierGraph } from '../graph/identifier-graph.js';
import type { IdentifierWeights } from '../graph/identifier-weights.js';
import { hashSeed, mulberry32 } from './seeded-random.js';

// The package is CommonJS with an ESM-style declaration: at run time the default import is the function.
const louvain = louvainModule as unknown as typeof louvainModule.default;

export interface CommunityOptions {
  seed: number;
  resolution: number;
  minClusterSize: number;
  /** Below this modularity Louvain's split is not trusted and the component stays whole. */
  minModularity: number;
  /**
   * Two Louvain groups bridged by at least this many identifiers are one ring, each identifier
   * counted by the share of its accounts that are in the two groups, when two accounts or more on
   * each side use them.
   */
  mergeMinBridges: number;
  /**
   * A component larger than this is carved on its heavier ties only: the threshold starts at
   * twice the larger of the link threshold and its own lightest pair weight, and doubles until
   * every piece fits.
   */
  maxComponentAccounts: number;
}

export interface CommunityResult {
  /** each community's accounts, ascending; communities ordered by their first account */
  communities: Int32Array[];
  /** how many components were large enough to run Louvain on, and the largest one's size */
  louvainRuns: number;
  largestComponent: number;
  /** components too large to be one group, carved with a higher link threshold; the largest group left */
  carvedComponents: number;
  largestGroup: number;
}

/**
 * Louvain on the weighted account projection of each connected component. Two accounts are tied
 * by the sum of the weights of the identifiers they share. Each component is seeded from the
 * global seed and its first account id, so a component detects the same way whatever else changed.
 */
export function detectCommunities(
  graph: IdentifierGraph,
  weights: IdentifierWeights,
  components: Pick<Components, 'count' | 'offsets' | 'members'>,
  accountIds: readonly string[],
  options: CommunityOptions,
): CommunityResult {
  const communities: Int32Array[] = [];
  const localIndex = new Int32Array(graph.accountCount).fill(-1);
  let louvainRuns = 0;
  let largestComponent = 0;
  let largestGroup = 0;
  let carvedComponents = 0;
  const detect = (members: Int32Array) => {
    largestGroup = Math.max(largestGroup, members.length);
    if (members.length < options.minClusterSize) return;
    if (members.length <= 3) {
      communities.push(members.slice());
      return;
    }
    louvainRuns++;
    for (let i = 0; i < members.length; i++) localIndex[members[i]!] = i;
    const projection = projectComponent(graph, weights, members, localIndex);
    const rng = mulberry32(hashSeed(options.seed, accountIds[members[0]!]!));
    const detailed = louvain.detailed(projection, { getEdgeWeight: 'weight', resolution: options.resolution, rng, randomWalk: true });
    if (detailed.modularity < options.minModularity) {
      // no real community structure: the component is one group
      communities.push(members.slice());
    } else {
      const bridged = mergeBridgedGroups(graph, weights, members, localIndex, detailed.communities, options.mergeMinBridges);
      const groups = mergeSmallGroups(projection, bridged, options.minClusterSize);
      for (const group of groups) if (group.length >= options.minClusterSize) communities.push(Int32Array.from(group, (i) => members[i]!));
    }
    for (let i = 0; i < members.length; i++) localIndex[members[i]!] = -1;
  };
  for (let c = 0; c < components.count; c++) {
    const members = components.members.subarray(components.offsets[c]!, components.offsets[c + 1]!);
    largestComponent = Math.max(largestComponent, members.length);
    if (members.length <= options.maxComponentAccounts) {
      detect(members);
      continue;
    }
    // Too large to be one group: weak links chain it. Carve it on stronger links only.
    carvedComponents++;
    let pieces = [members];
    for (let threshold = 2 * Math.max(weights.linkMinWeight, lightestLink(graph, weights, members)); pieces.some((p) => p.length > options.maxComponentAccounts) && threshold <= 1; threshold *= 2) {
      pieces = pieces.flatMap((p) => (p.length > options.maxComponentAccounts ? carveComponent(graph, weights, p, threshold) : [p]));
    }
    for (const piece of pieces.sort((x, y) => x[0]! - y[0]!)) detect(piece);
  }
  communities.sort((x, y) => x[0]! - y[0]!);
  return { communities, louvainRuns, largestComponent, carvedComponents, largestGroup };
}

/** The weighted account–account graph of one component (nodes keyed by local index). */
function projectComponent(graph: IdentifierGraph, weights: IdentifierWeights, members: Int32Array, localIndex: Int32Array): UndirectedGraph {
  const size = members.length;
  const pairWeight = new Map<number, number>();
  for (let li = 0; li < size; li++) {
    const a = members[li]!;
    for (let p = graph.accountOffsets[a]!; p < graph.accountOffsets[a + 1]!; p++) {
      const identifier = graph.accountIdentifiers[p]!;
      if (weights.link[identifier] === 0) continue;
      const w = weights.weight[identifier]!;
      for (let q = graph.identifierOffsets[identifier]!; q < graph.identifierOffsets[identifier + 1]!; q++) {
        const lb = localIndex[graph.identifierAccounts[q]!]!;
        if (lb <= li) continue;
        const key = li * size + lb;
        pairWeight.set(key, (pairWeight.get(key) ?? 0) + w);
      }
    }
  }
  const projection = new UndirectedGraph({ allowSelfLoops: false });
  for (let i = 0; i < size; i++) projection.addNode(String(i));
  for (const [key, weight] of pairWeight) {
    const lb = key % size;
    const li = (key - lb) / size;
    projection.addUndirectedEdge(String(li), String(lb), { weight });
  }
  return projection;
}

/**
 * Louvain happily splits a small ring into pairs. A group smaller than minSize is folded into the
 * group it is most strongly tied to, so no member is dropped only because its piece was small.
 * Returns groups of local indices, each ascending, ordered by their first member.
 */
function mergeSmallGroups(projection: UndirectedGraph, assignment: Record<string, number>, minSize: number): number[][] {
  const groupOf = new Map<number, number>();
  const groups = new Map<number, number[]>();
  projection.forEachNode((node) => {
    const local = Number(node);
    const g = assignment[node]!;
    groupOf.set(local, g);
    let group = groups.get(g);
    if (!group) groups.set(g, (group = []));
    group.push(local);
  });
  const ordered = () => [...groups.entries()].sort((x, y) => Math.min(...x[1]) - Math.min(...y[1]));
  for (let changed = true; changed; ) {
    changed = false;
    for (const [g, group] of ordered()) {
      if (group.length >= minSize || groups.size === 1) continue;
      const ties = new Map<number, number>();
      for (const local of group) {
        projection.forEachEdge(String(local), (_edge, attributes, source, target) => {
          const other = groupOf.get(Number(source === String(local) ? target : source))!;
          if (other !== g) ties.set(other, (ties.get(other) ?? 0) + (attributes.weight as number));
        });
      }
      let best = -1;
      let bestWeight = 0;
      for (const [other, weight] of [...ties.entries()].sort((x, y) => x[0] - y[0])) {
        if (weight > bestWeight) [best, bestWeight] = [other, weight];
      }
      if (best === -1) continue;
      for (const local of group) groupOf.set(local, best);
      groups.get(best)!.push(...group);
      groups.delete(g);
      changed = true;
      break;
    }
  }
  return ordered().map(([, group]) => group.sort((x, y) => x - y));
}

/**
 * Louvain splits a large ring along its sub-pools (the members on card 1, the members on card 2).
 * The pieces of one ring still share identifiers that are theirs: a pool device and the drop
 * address, say, however weak the measured weight of an address is tonight. So every shared
 * identifier bridges the groups it reaches by its evidence: by the share of its users (in the
 * component) that are in the two groups (a carrier IP the ring shares with twenty strangers
 * counts little), and as minBridges when two or more members on each side use it (a pool).
 *
 * Two groups are merged (transitively) when their bridges add up to minBridges *and* the bridge
 * is pooled on both sides: each side holds at least two accounts that use the identifiers
 * bridging the pair. A household whose one member also uses the office card and IP, or a ring
 * member camouflaged on a company's card, reaches the other group through that one account, by
 * as many identifiers as it shares: that member belongs to its own group, and the two stay
 * apart. The pieces of a ring meet through a pool and a place that several members on each side
 * use.
 */
function mergeBridgedGroups(
  graph: IdentifierGraph,
  weights: IdentifierWeights,
  members: Int32Array,
  localIndex: Int32Array,
  assignment: Record<string, number>,
  minBridges: number,
): Record<string, number> {
  const groupOfLocal = (local: number) => assignment[String(local)]!;
  const bridges = new Map<string, Bridge>();
  const visited = new Set<number>();
  for (const a of members) {
    for (let p = graph.accountOffsets[a]!; p < graph.accountOffsets[a + 1]!; p++) {
      const identifier = graph.accountIdentifiers[p]!;
      if (weights.link[identifier] === 0 || visited.has(identifier)) continue;
      visited.add(identifier);
      const users = new Map<number, number[]>();
      for (let q = graph.identifierOffsets[identifier]!; q < graph.identifierOffsets[identifier + 1]!; q++) {
        const local = localIndex[graph.identifierAccounts[q]!]!;
        if (local < 0) continue; // outside this component or carved piece
        const g = groupOfLocal(local);
        let inGroup = users.get(g);
        if (!inGroup) users.set(g, (inGroup = []));
        inGroup.push(local);
      }
      if (users.size < 2) continue;
      const sorted = [...users.keys()].sort((x, y) => x - y);
      let reached = 0;
      for (const n of users.values()) reached += n.length;
      for (let i = 0; i < sorted.length; i++) {
        for (let j = i + 1; j < sorted.length; j++) {
          const key = `${sorted[i]},${sorted[j]}`;
          const left = users.get(sorted[i]!)!;
          const right = users.get(sorted[j]!)!;
          const inside = bridgeShare((left.length + right.length) / reached);
          // used by two or more members on each side: a pool both pieces draw from, a ring's own
          const pooled = Math.min(left.length, right.length) >= 2;
          let bridge = bridges.get(key);
          if (!bridge) bridges.set(key, (bridge = { count: 0, left: NO_ACCOUNT, right: NO_ACCOUNT }));
          bridge.count += inside * (pooled ? minBridges : 1);
          bridge.left = usersOnSide(bridge.left, left);
          bridge.right = usersOnSide(bridge.right, right);
        }
      }
    }
  }
  const parent = new Map<number, number>();
  const find = (g: number): number => {
    let root = g;
    while (parent.has(root) && parent.get(root) !== root) root = parent.get(root)!;
    return root;
  };
  // a tolerance: shares that add up to exactly minBridges must not miss it by rounding
  for (const [key, bridge] of [...bridges.entries()].sort((x, y) => (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0))) {
    if (bridge.count < minBridges - 1e-9 || bridge.left !== SEVERAL_ACCOUNTS || bridge.right !== SEVERAL_ACCOUNTS) continue;
    const [x, y] = key.split(',').map(Number) as [number, number];
    const rx = find(x);
    const ry = find(y);
    if (rx !== ry) parent.set(Math.max(rx, ry), Math.min(rx, ry));
  }
  const merged: Record<string, number> = {};
  for (const node of Object.keys(assignment)) merged[node] = find(assignment[node]!);
  return merged;
}

interface Bridge {
  /** the identifiers bridging two groups, each counted by its evidence */
  count: number;
  /** who in each group uses them: NO_ACCOUNT, the one account (a local index), or SEVERAL_ACCOUNTS */
  left: number;
  right: number;
}

const NO_ACCOUNT = -1;
const SEVERAL_ACCOUNTS = -2;

/** Who uses a bridge on one side once `accounts` use one more of its identifiers: one account is all that is kept. */
function usersOnSide(seen: number, accounts: readonly number[]): number {
  for (const account of accounts) {
    if (seen === SEVERAL_ACCOUNTS) break;
    seen = seen === NO_ACCOUNT || seen === account ? account : SEVERAL_ACCOUNTS;
  }
  return seen;
}

/**
 * How much one identifier bridges two groups, by the share of its users (in this component) that
 * are in them: a pool split over two or three pieces of one ring, or a drop address, counts 1; a
 * carrier IP spread over a dozen households counts its small share.
 */
function bridgeShare(share: number): number {
  return share >= 0.5 ? 1 : share;
}
