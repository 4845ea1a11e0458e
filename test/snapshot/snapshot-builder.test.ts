import { describe, expect, it } from 'vitest';
import { SnapshotBuilder } from '../../src/snapshot/snapshot-builder.js';

const bytes = (s: string) => Buffer.from(`..${s}..`);
const lookup = (builder: SnapshotBuilder, id: string) => builder.accountOfBytes(bytes(id), 2, 2 + Buffer.byteLength(id));

describe('SnapshotBuilder.accountOfBytes', () => {
  it('finds an account by its id bytes, the same one again and again, and tells an id it never saw from one it saw last', () => {
    const builder = new SnapshotBuilder(() => null);
    for (const id of ['A1', 'A2', 'A10']) builder.addAccount(id, Number.NaN);
    expect(lookup(builder, 'A2')).toBe(1);
    expect(lookup(builder, 'A2')).toBe(1);
    expect(lookup(builder, 'A1')).toBe(0);
    expect(lookup(builder, 'A10')).toBe(2);
    expect(lookup(builder, 'A1')).toBe(0); // same length as the last one found before: bytes decide
    expect(lookup(builder, 'A3')).toBe(-1);
    expect(lookup(builder, 'A3')).toBe(-1); // a miss is never remembered
    builder.addAccount('A3', Number.NaN);
    expect(lookup(builder, 'A3')).toBe(3);
    expect(lookup(builder, 'A'.repeat(300))).toBe(-1);
  });
});
