import type { Snapshot } from '../snapshot/snapshot.js';
import type { Truth } from './truth.js';

/** Which ring members non-hub identifiers can reach at all: the ceiling of any shared-identifier detector. */
export interface ReachableMembers {
  /** 1 for ring members (by truth index) linked to another member of their ring. */
  reachable: Uint8Array;
  count: number;
  hubMinAccounts: number;
  /** Identifiers shared by at least hubMinAccounts accounts in the snapshot. */
  hubs: number;
}

/**
 * A ring member is reachable when, in the graph of its ring's members linked by the non-hub
 * identifiers they share (hub: shared by at least `hubMinAccounts` distinct accounts of the
 * snapshot; placeholders never link and are not in `snapshot.links`), it is connected to at
 * least one other member of its ring. Links through accounts outside the ring do not count:
 * they are what a detector has to cut, not what ties the ring.
 */
export function reachableMembers(snapshot: Snapshot, truth: Truth, hubMinAccounts: number): ReachableMembers {
  const identifiers = snapshot.identifiers.values.length;
  const { account, identifier } = snapshot.links;
  const truthIndex = Int32Array.from(snapshot.accounts.ids, (id) => truth.index.get(id) ?? -1);

  // Accounts per identifier (CSR), then distinct accounts per identifier.
  const offsets = new Int32Array(identifiers + 1);
  for (let k = 0; k < identifier.length; k++) offsets[identifier[k]! + 1]! += 1;
  for (let i = 0; i < identifiers; i++) offsets[i + 1]! += offsets[i]!;
  const cursor = offsets.slice(0, identifiers);
  const accountsOf = new Int32Array(identifier.length);
  for (let k = 0; k < identifier.length; k++) accountsOf[cursor[identifier[k]!]!++] = account[k]!;

  const parent = Int32Array.from({ length: truth.ringOf.length }, (_, i) => i);
  const find = (x: number): number => {
    while (parent[x] !== x) {
      parent[x] = parent[parent[x]!]!;
      x = parent[x]!;
    }
    return x;
  };
  const mark = new Int32Array(snapshot.accounts.ids.length).fill(-1);
  let hubs = 0;
  const firstOfRing = new Map<number, number>();
  for (let i = 0; i < identifiers; i++) {
    let distinct = 0;
    for (let k = offsets[i]!; k < offsets[i + 1]!; k++) {
      const a = accountsOf[k]!;
      if (mark[a] !== i) {
        mark[a] = i;
        distinct++;
      }
    }
    if (distinct >= hubMinAccounts) {
      hubs++;
      continue;
    }
    if (distinct < 2) continue;
    firstOfRing.clear();
    for (let k = offsets[i]!; k < offsets[i + 1]!; k++) {
      const t = truthIndex[accountsOf[k]!]!;
      const ring = t >= 0 ? truth.ringOf[t]! : -1;
      if (ring < 0) continue;
      const first = firstOfRing.get(ring);
      if (first === undefined) firstOfRing.set(ring, t);
      else if (first !== t) parent[find(t)] = find(first);
    }
  }

  const setSize = new Int32Array(truth.ringOf.length);
  for (let t = 0; t < truth.ringOf.length; t++) if (truth.ringOf[t]! >= 0) setSize[find(t)]! += 1;
  const reachable = new Uint8Array(truth.ringOf.length);
  let count = 0;
  for (let t = 0; t < truth.ringOf.length; t++) {
    if (truth.ringOf[t]! >= 0 && setSize[find(t)]! >= 2) {
      reachable[t] = 1;
      count++;
    }
  }
  return { reachable, count, hubMinAccounts, hubs };
}
