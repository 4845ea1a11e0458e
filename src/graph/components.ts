import type { IdentifierGraph } from './identifier-graph.js';
import type { IdentifierWeights } from './identifier-weights.js';

export interface Components {
  /** component id of each account (dense, ordered by each component's first account) */
  componentOf: Int32Array;
  /** accounts of component c: members[offsets[c] .. offsets[c+1]), ascending */
  offsets: Int32Array;
  members: Int32Array;
  count: number;
}

/**
 * Connected components of accounts linked through identifiers that group (shared, no hub), by
 * union-find. Louvain never merges across components,
 * so each one is detected on its own.
 */
export function findComponents(graph: IdentifierGraph, weights: IdentifierWeights): Components {
  return unionComponents(graph, (i) => weights.link[i] === 1, graph.accountCount);
}

/**
 * Components of the accounts of one component, linked only by identifiers whose pair weight
 * reaches `minPairWeight`: how a component too large to be one group is carved. Accounts outside
 * `members` are never reached because every grouping identifier of a member has only members.
 */
export function carveComponent(graph: IdentifierGraph, weights: IdentifierWeights, members: Int32Array, minPairWeight: number): Int32Array[] {
  const local = new Map<number, number>();
  members.forEach((a, i) => local.set(a, i));
  const identifiers = new Set<number>();
  for (const a of members) {
    for (let p = graph.accountOffsets[a]!; p < graph.accountOffsets[a + 1]!; p++) {
      const i = graph.accountIdentifiers[p]!;
      if (weights.link[i] === 1 && weights.weight[i]! >= minPairWeight) identifiers.add(i);
    }
  }
  const parent = Int32Array.from(members.keys());
  const find = (x: number): number => {
    while (parent[x] !== x) {
      parent[x] = parent[parent[x]!]!;
      x = parent[x]!;
    }
    return x;
  };
  for (const i of [...identifiers].sort((x, y) => x - y)) {
    let root = find(local.get(graph.identifierAccounts[graph.identifierOffsets[i]!]!)!);
    for (let q = graph.identifierOffsets[i]! + 1; q < graph.identifierOffsets[i + 1]!; q++) {
      const r = find(local.get(graph.identifierAccounts[q]!)!);
      if (r === root) continue;
      if (r < root) {
        parent[root] = r;
        root = r;
      } else parent[r] = root;
    }
  }
  const groups = new Map<number, number[]>();
  for (let i = 0; i < members.length; i++) {
    const r = find(i);
    let group = groups.get(r);
    if (!group) groups.set(r, (group = []));
    group.push(members[i]!);
  }
  return [...groups.values()].map((g) => Int32Array.from(g));
}

function unionComponents(graph: IdentifierGraph, links: (identifier: number) => boolean, n: number): Components {
  const parent = new Int32Array(n);
  for (let i = 0; i < n; i++) parent[i] = i;
  const find = (x: number): number => {
    while (parent[x] !== x) {
      parent[x] = parent[parent[x]!]!;
      x = parent[x]!;
    }
    return x;
  };
  for (let i = 0; i < graph.identifierCount; i++) {
    if (!links(i)) continue;
    const start = graph.identifierOffsets[i]!;
    const end = graph.identifierOffsets[i + 1]!;
    let root = find(graph.identifierAccounts[start]!);
    for (let j = start + 1; j < end; j++) {
      const r = find(graph.identifierAccounts[j]!);
      if (r === root) continue;
      // the smaller index becomes the root, and stays this identifier's root for the next users
      if (r < root) {
        parent[root] = r;
        root = r;
      } else parent[r] = root;
    }
  }
  const componentOf = new Int32Array(n).fill(-1);
  let count = 0;
  const sizes: number[] = [];
  for (let a = 0; a < n; a++) {
    const r = find(a);
    if (componentOf[r] === -1) {
      componentOf[r] = count++;
      sizes.push(0);
    }
    componentOf[a] = componentOf[r]!;
    sizes[componentOf[a]!]!++;
  }
  const offsets = new Int32Array(count + 1);
  for (let c = 0; c < count; c++) offsets[c + 1] = offsets[c]! + sizes[c]!;
  const fill = offsets.slice(0, count);
  const members = new Int32Array(n);
  for (let a = 0; a < n; a++) members[fill[componentOf[a]!]!++] = a;
  return { componentOf, offsets, members, count };
}

/** The lightest pair weight among the grouping identifiers of some accounts (Infinity when none). */
export function lightestLink(graph: IdentifierGraph, weights: IdentifierWeights, members: Int32Array): number {
  let lightest = Number.POSITIVE_INFINITY;
  for (const a of members) {
    for (let p = graph.accountOffsets[a]!; p < graph.accountOffsets[a + 1]!; p++) {
      const i = graph.accountIdentifiers[p]!;
      if (weights.link[i] === 1 && weights.weight[i]! < lightest) lightest = weights.weight[i]!;
    }
  }
  return lightest;
}
