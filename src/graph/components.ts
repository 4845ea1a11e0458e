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
 * Connected components of accounts linked through weighted (non-hub, shared) identifiers, by
 * union-find. Louvain never merges across components, so each one is detected on its own.
 */
export function findComponents(graph: IdentifierGraph, weights: IdentifierWeights): Components {
  const n = graph.accountCount;
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
    if (weights.weight[i] === 0) continue;
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
