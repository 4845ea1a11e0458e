import { describe, expect, it } from 'vitest';
import { ByteTable, hashBytes } from '../../src/snapshot/byte-table.js';

describe('ByteTable', () => {
  it('gives dense ids in first-seen order, per tag, and finds them again after growing', () => {
    const table = new ByteTable(4);
    const key = (s: string) => Buffer.from(`..${s}..`);
    const ids: number[] = [];
    for (let i = 0; i < 10_000; i++) {
      const b = key(`value-${i}`);
      ids.push(table.intern(b, 2, b.length - 2, i % 3));
      expect(table.added).toBe(true);
    }
    expect(ids).toEqual(ids.map((_, i) => i));
    for (let i = 0; i < 10_000; i += 97) {
      const b = key(`value-${i}`);
      expect(table.lookup(b, 2, b.length - 2, i % 3)).toBe(i);
      expect(table.lookup(b, 2, b.length - 2, (i + 1) % 3)).toBe(-1); // another tag is another key
      expect(table.intern(b, 2, b.length - 2, i % 3)).toBe(i);
      expect(table.added).toBe(false);
      expect(table.text(i)).toBe(`value-${i}`);
    }
    expect(table.size).toBe(10_000);
  });

  it('tells apart keys that are prefixes of each other, and the empty key', () => {
    const table = new ByteTable();
    const b = Buffer.from('abcabc');
    expect(table.intern(b, 0, 3)).toBe(0);
    expect(table.intern(b, 0, 6)).toBe(1);
    expect(table.intern(b, 0, 0)).toBe(2);
    expect(table.lookup(b, 3, 6)).toBe(0);
    expect(table.lookup(b, 0, 2)).toBe(-1);
    expect(table.text(2)).toBe('');
  });

  it('interns with a hash computed beforehand (and its probe prefetched) exactly as intern() does', () => {
    const one = new ByteTable(8);
    const batched = new ByteTable(8);
    const b = Buffer.from(Array.from({ length: 5000 }, (_, i) => `k${(i * 31) % 1200}`).join(','));
    let at = 0;
    for (const key of b.toString().split(',')) {
      const end = at + key.length;
      const hash = hashBytes(b, at, end, key.length % 2);
      batched.prefetch(hash);
      expect(batched.internHashed(b, at, end, key.length % 2, hash)).toBe(one.intern(b, at, end, key.length % 2));
      expect(batched.added).toBe(one.added);
      at = end + 1;
    }
    expect(batched.size).toBe(one.size);
    expect(batched.size).toBe(1200);
  });
});
