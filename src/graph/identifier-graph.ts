import type { Snapshot } from '../snapshot/snapshot.js';

/**
 * The bipartite account–identifier graph in compressed sparse rows, both directions.
 * Duplicate (account, identifier) rows are merged: first seen is the earliest, last seen the latest.
 */
export interface IdentifierGraph {
  accountCount: number;
  identifierCount: number;
  /** identifiers of account a: accountIdentifiers[accountOffsets[a] .. accountOffsets[a+1]) */
  accountOffsets: Int32Array;
  accountIdentifiers: Int32Array;
  /** aligned with accountIdentifiers; empty when the graph was built without link times */
  firstSeen: Float64Array;
  lastSeen: Float64Array;
  /** accounts of identifier i: identifierAccounts[identifierOffsets[i] .. identifierOffsets[i+1]) */
  identifierOffsets: Int32Array;
  identifierAccounts: Int32Array;
}

/**
 * `linkTimes: false` leaves firstSeen and lastSeen empty: only a sink that writes USES
 * relationships reads them, and at 10M accounts they are 0.9 GB.
 */
export function buildIdentifierGraph(snapshot: Snapshot, { linkTimes = true }: { linkTimes?: boolean } = {}): IdentifierGraph {
  const accountCount = snapshot.accounts.ids.length;
  const identifierCount = snapshot.identifiers.values.length;
  const { account, identifier, firstSeen, lastSeen } = snapshot.links;
  const linkCount = account.length;

  // counting sort of links by account
  const offsets = new Int32Array(accountCount + 1);
  for (let i = 0; i < linkCount; i++) offsets[account[i]! + 1]!++;
  for (let a = 0; a < accountCount; a++) offsets[a + 1]! += offsets[a]!;
  const cursor = offsets.slice(0, accountCount);
  const sortedIdentifier = new Int32Array(linkCount);
  const times = linkTimes ? linkCount : 0;
  const sortedFirst = new Float64Array(times);
  const sortedLast = new Float64Array(times);
  for (let i = 0; i < linkCount; i++) {
    const at = cursor[account[i]!]!++;
    sortedIdentifier[at] = identifier[i]!;
    if (times === 0) continue;
    sortedFirst[at] = firstSeen[i]!;
    sortedLast[at] = lastSeen[i]!;
  }

  // sort each account's short list and merge duplicates, compacting in place
  const accountOffsets = new Int32Array(accountCount + 1);
  let write = 0;
  for (let a = 0; a < accountCount; a++) {
    const start = offsets[a]!;
    const end = offsets[a + 1]!;
    insertionSort(sortedIdentifier, times === 0 ? null : sortedFirst, sortedLast, start, end);
    accountOffsets[a] = write;
    for (let i = start; i < end; i++) {
      if (write > accountOffsets[a]! && sortedIdentifier[write - 1] === sortedIdentifier[i]) {
        if (times === 0) continue;
        sortedFirst[write - 1] = minDefined(sortedFirst[write - 1]!, sortedFirst[i]!);
        sortedLast[write - 1] = maxDefined(sortedLast[write - 1]!, sortedLast[i]!);
        continue;
      }
      sortedIdentifier[write] = sortedIdentifier[i]!;
      if (times !== 0) {
        sortedFirst[write] = sortedFirst[i]!;
        sortedLast[write] = sortedLast[i]!;
      }
      write++;
    }
  }
  accountOffsets[accountCount] = write;
  // views, not copies: a copy is fresh memory (bench/README.md), and duplicates are few
  const accountIdentifiers = sortedIdentifier.subarray(0, write);

  // reverse direction: accounts per identifier, in account order
  const identifierOffsets = new Int32Array(identifierCount + 1);
  for (let i = 0; i < write; i++) identifierOffsets[accountIdentifiers[i]! + 1]!++;
  for (let i = 0; i < identifierCount; i++) identifierOffsets[i + 1]! += identifierOffsets[i]!;
  const fill = identifierOffsets.slice(0, identifierCount);
  const identifierAccounts = new Int32Array(write);
  for (let a = 0; a < accountCount; a++) {
    for (let i = accountOffsets[a]!; i < accountOffsets[a + 1]!; i++) identifierAccounts[fill[accountIdentifiers[i]!]!++] = a;
  }

  return {
    accountCount,
    identifierCount,
    accountOffsets,
    accountIdentifiers,
    firstSeen: sortedFirst.subarray(0, Math.min(times, write)),
    lastSeen: sortedLast.subarray(0, Math.min(times, write)),
    identifierOffsets,
    identifierAccounts,
  };
}

/** Number of distinct accounts that use identifier i. */
export function accountsSharing(graph: IdentifierGraph, identifier: number): number {
  return graph.identifierOffsets[identifier + 1]! - graph.identifierOffsets[identifier]!;
}

/** Sorts keys[start, end) ascending, moving a and b along (unless a is null: no times). */
function insertionSort(keys: Int32Array, a: Float64Array | null, b: Float64Array, start: number, end: number): void {
  for (let i = start + 1; i < end; i++) {
    const k = keys[i]!;
    const va = a === null ? 0 : a[i]!;
    const vb = a === null ? 0 : b[i]!;
    let j = i - 1;
    while (j >= start && keys[j]! > k) {
      keys[j + 1] = keys[j]!;
      if (a !== null) {
        a[j + 1] = a[j]!;
        b[j + 1] = b[j]!;
      }
      j--;
    }
    keys[j + 1] = k;
    if (a === null) continue;
    a[j + 1] = va;
    b[j + 1] = vb;
  }
}

function minDefined(x: number, y: number): number {
  return Number.isNaN(x) ? y : Number.isNaN(y) ? x : Math.min(x, y);
}
function maxDefined(x: number, y: number): number {
  return Number.isNaN(x) ? y : Number.isNaN(y) ? x : Math.max(x, y);
}
