import { createHmac, hash } from 'node:crypto';
import type { Snapshot } from '../../snapshot/snapshot.js';

export interface IdentifierIds {
  /** the 64-bit id of identifier i: the first 8 bytes of SHA-256(key, kind, value), signed */
  ids: BigInt64Array;
  /** distinct (kind, value) pairs that share an id with another: 0 unless two values collide */
  collisions: number;
}

/**
 * The key of the identifier ids, derived from the card hashing key: an id file (Parquet parts on a
 * shared file system) then says nothing about a phone number or an e-mail to whoever lacks the
 * key, and the same key gives the same ids night after night.
 */
export function identifierIdKey(panKey: string): Buffer {
  return createHmac('sha256', panKey).update('fraud-rings identifier ids').digest();
}

/**
 * A 64-bit keyed hash of (kind, normalised value) per distinct identifier: an id every machine
 * computes alone, so a cluster needs no global interning step. Collisions are counted on the
 * snapshot (distinct ids against distinct pairs); at 64 bits about n² / 2⁶⁵ are expected.
 */
export function identifierIds(snapshot: Snapshot, key: Buffer): IdentifierIds {
  const { kinds, kindOf, values } = snapshot.identifiers;
  const kindPrefix = kinds.map((kind) => identifierIdPrefix(key, kind));
  const ids = new BigInt64Array(values.length);
  // one buffer for every message (key, kind, value), grown for a longer value: no allocation per value
  let message = Buffer.alloc(4096);
  for (let i = 0; i < values.length; i++) {
    const prefix = kindPrefix[kindOf[i]!]!;
    const value = values.at(i);
    const length = prefix.length + Buffer.byteLength(value);
    if (length > message.length) message = Buffer.alloc(2 * length);
    prefix.copy(message, 0);
    message.write(value, prefix.length);
    ids[i] = hash('sha256', message.subarray(0, length), 'buffer').readBigInt64LE(0);
  }
  return { ids, collisions: countCollisions(ids) };
}

/** What an identifier id's message starts with: the key, the kind and a NUL; the value's UTF-8 bytes follow. */
export function identifierIdPrefix(key: Buffer, kind: string): Buffer {
  return Buffer.concat([key, Buffer.from(`${kind}\0`)]);
}

/** How many entries repeat an id already taken (ids.length − distinct ids). */
export function countCollisions(ids: BigInt64Array): number {
  if (ids.length === 0) return 0;
  const sorted = ids.slice().sort();
  let distinct = 1;
  for (let i = 1; i < sorted.length; i++) if (sorted[i] !== sorted[i - 1]) distinct++;
  return ids.length - distinct;
}
