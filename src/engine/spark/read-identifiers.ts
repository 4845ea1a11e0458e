import { EngineUnavailableError } from '../../errors.js';
import { forEachPartRow } from './read-parts.js';

/** Spark's numbers per identifier, aligned with the snapshot's identifiers (index i is identifier i). */
export interface SparkIdentifiers {
  /** accounts sharing identifier i (0: no link names it) */
  accounts: Int32Array;
  hub: Uint8Array;
  /** 1 when identifier i groups accounts (the link rule) */
  groups: Uint8Array;
}

/**
 * Reads the job's `identifiers/` (identifier id, accounts, hub, groups) back onto the snapshot's
 * identifier numbering through their 64-bit ids: an open-addressing table over the id column (ids
 * are keyed SHA-256, so their low bits are uniform), two Int32 slots per identifier rather than a
 * Map of millions of BigInts.
 */
export async function readIdentifiers(dir: string, ids: BigInt64Array): Promise<SparkIdentifiers> {
  const n = ids.length;
  let size = 2;
  while (size < 2 * n) size *= 2;
  const mask = BigInt(size - 1);
  const slots = new Int32Array(size).fill(-1);
  for (let i = 0; i < n; i++) {
    let s = Number(ids[i]! & mask);
    while (slots[s] !== -1) s = (s + 1) & (size - 1);
    slots[s] = i;
  }
  const indexOf = (id: bigint): number => {
    for (let s = Number(id & mask); slots[s] !== -1; s = (s + 1) & (size - 1)) if (ids[slots[s]!] === id) return slots[s]!;
    return -1;
  };

  const out: SparkIdentifiers = { accounts: new Int32Array(n), hub: new Uint8Array(n), groups: new Uint8Array(n) };
  await forEachPartRow(dir, ['identifier', 'accounts', 'hub', 'groups'], ([identifier, accounts, hub, groups]) => {
    const i = indexOf(identifier as bigint);
    if (i < 0) throw new EngineUnavailableError(`the Spark job named identifier ${String(identifier)}, which the snapshot does not hold`);
    out.accounts[i] = Number(accounts as bigint);
    out.hub[i] = hub ? 1 : 0;
    out.groups[i] = groups ? 1 : 0;
  });
  return out;
}
