import { describe, expect, it } from 'vitest';
import { countCollisions, identifierIdKey, identifierIds } from '../../../src/engine/spark/identifier-ids.js';
import { makeSnapshot } from '../../support/make-snapshot.js';

const snapshot = makeSnapshot({
  accounts: [{ id: 'A' }, { id: 'B' }],
  links: [
    ['A', 'device', 'd1'],
    ['B', 'device', 'd1'],
    ['A', 'card', 'd1'], // the same value under another kind is another identifier
    ['B', 'phone', '+4470000000'],
  ],
});

describe('identifierIds', () => {
  it('gives every (kind, value) its own 64-bit id, the same for the same key', () => {
    const key = identifierIdKey('a card hashing key of some length');
    const first = identifierIds(snapshot, key);
    expect(first.ids.length).toBe(3);
    expect(new Set(first.ids).size).toBe(3);
    expect(first.collisions).toBe(0);
    expect(Array.from(identifierIds(snapshot, key).ids)).toEqual(Array.from(first.ids));
  });

  it('gives other ids under another key: the ids say nothing to whoever lacks the key', () => {
    const one = identifierIds(snapshot, identifierIdKey('a card hashing key of some length'));
    const other = identifierIds(snapshot, identifierIdKey('another card hashing key, longer'));
    for (let i = 0; i < one.ids.length; i++) expect(other.ids[i]).not.toBe(one.ids[i]);
  });
});

describe('countCollisions', () => {
  it('counts the entries that repeat an id already taken', () => {
    expect(countCollisions(BigInt64Array.from([5n, -3n, 5n, 7n, 5n, -3n]))).toBe(3);
    expect(countCollisions(BigInt64Array.from([1n, 2n, 3n]))).toBe(0);
    expect(countCollisions(new BigInt64Array(0))).toBe(0);
  });
});
