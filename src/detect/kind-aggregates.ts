import type { IdentifierGraph } from '../graph/identifier-graph.js';
import type { Snapshot } from '../snapshot/snapshot.js';

/**
 * The integers a snapshot gives about one identifier kind: all that measuring the kind needs
 * (src/detect/kind-evidence.ts). Whole numbers only, so any engine that counts them (this
 * process, or Spark over the whole snapshot) gives the same aggregates and the same weights.
 */
export interface KindAggregates {
  /** accounts with at least one value of the kind */
  accounts: number;
  /** of those, accounts sharing a non-hub value with another account */
  sharingAccounts: number;
  /** values shared by the hub size or more */
  hubs: number;
  /** shared non-hub values by account count: [accounts, values] pairs, ascending by accounts */
  sharedSizes: Array<[number, number]>;
}

/** The aggregates of every kind (by kind id), counted over the whole identifier graph. */
export function measureKindAggregates(snapshot: Snapshot, graph: IdentifierGraph, hubMinAccounts: number): KindAggregates[] {
  const { kinds, kindOf } = snapshot.identifiers;
  const k = kinds.length;
  const hasKind = new Int32Array(k);
  const sharesKind = new Int32Array(k);
  const seenHas = new Int32Array(k).fill(-1);
  const seenShares = new Int32Array(k).fill(-1);
  for (let a = 0; a < graph.accountCount; a++) {
    for (let p = graph.accountOffsets[a]!; p < graph.accountOffsets[a + 1]!; p++) {
      const identifier = graph.accountIdentifiers[p]!;
      const kind = kindOf[identifier]!;
      if (seenHas[kind] !== a) {
        seenHas[kind] = a;
        hasKind[kind]!++;
      }
      const n = graph.identifierOffsets[identifier + 1]! - graph.identifierOffsets[identifier]!;
      if (n >= 2 && n < hubMinAccounts && seenShares[kind] !== a) {
        seenShares[kind] = a;
        sharesKind[kind]!++;
      }
    }
  }
  const sizes = kinds.map(() => new Map<number, number>());
  const hubs = new Int32Array(k);
  for (let i = 0; i < graph.identifierCount; i++) {
    const n = graph.identifierOffsets[i + 1]! - graph.identifierOffsets[i]!;
    if (n >= hubMinAccounts) hubs[kindOf[i]!]!++;
    else if (n >= 2) sizes[kindOf[i]!]!.set(n, (sizes[kindOf[i]!]!.get(n) ?? 0) + 1);
  }
  return kinds.map((_, id) => ({
    accounts: hasKind[id]!,
    sharingAccounts: sharesKind[id]!,
    hubs: hubs[id]!,
    sharedSizes: [...sizes[id]!.entries()].sort((x, y) => x[0] - y[0]),
  }));
}
