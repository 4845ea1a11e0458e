import { describe, expect, it } from 'vitest';
import { LinkBatch } from '../../src/snapshot/link-batch.js';
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

describe('SnapshotBuilder links', () => {
  it('interns values a batch at a time with the ids, kinds and link order of one row at a time, across batch boundaries', () => {
    const builder = new SnapshotBuilder((_kind, raw) => (raw === 'n/a' ? null : { value: raw.toLowerCase(), hashed: false }));
    for (let a = 0; a < 10; a++) builder.addAccount(`A${a}`, Number.NaN);
    builder.finishAccounts();
    const device = builder.kindOf('device');
    const phone = builder.kindOf('phone');
    const rows = 3 * LinkBatch.ROWS + 17;
    const expected: string[] = [];
    const seen = new Map<string, number>();
    const ids: number[] = [];
    const accounts: number[] = [];
    const kinds: string[] = [];
    for (let r = 0; r < rows; r++) {
      // values repeat within a batch and across batches; the same text under two kinds is two identifiers
      const kind = r % 3 === 0 ? phone : device;
      const raw = r % 11 === 0 ? 'n/a' : `V${(r * 7919) % 1500}`;
      builder.linkValue(r % 10, kind, raw, r, r + 1);
      if (raw === 'n/a') continue;
      const key = `${kind}:${raw.toLowerCase()}`;
      if (!seen.has(key)) {
        seen.set(key, seen.size);
        expected.push(raw.toLowerCase());
        kinds.push(kind === phone ? 'phone' : 'device');
      }
      ids.push(seen.get(key)!);
      accounts.push(r % 10);
    }
    const snapshot = builder.finish([]);
    expect(Array.from(snapshot.links.identifier)).toEqual(ids);
    expect(Array.from({ length: expected.length }, (_, i) => snapshot.identifiers.values.at(i))).toEqual(expected);
    expect(snapshot.identifiers.values.length).toBe(expected.length);
    expect(snapshot.placeholderRows).toBe(Math.floor((rows - 1) / 11) + 1);
    expect(Array.from(snapshot.links.account)).toEqual(accounts);
    expect(Array.from(snapshot.identifiers.kindOf, (k) => snapshot.identifiers.kinds[k])).toEqual(kinds);
    expect(snapshot.links.firstSeen[1]).toBe(2); // row 0 was a placeholder
  });
});

describe('SnapshotBuilder sinks', () => {
  it('hands links and transactions to its sinks in the order it would hold them, and holds none of them', () => {
    const normalise = (_kind: string, raw: string) => (raw === 'n/a' ? null : { value: raw.toLowerCase(), hashed: false });
    const feed = (builder: SnapshotBuilder) => {
      for (let a = 0; a < 5; a++) builder.addAccount(`A${a}`, Number.NaN);
      builder.finishAccounts();
      const kinds = [builder.kindOf('phone'), builder.kindOf('device')];
      // device links first, though phone was met first: public kinds are numbered as they first link
      for (let r = 0; r < 3 * LinkBatch.ROWS + 5; r++) builder.linkValue(r % 5, kinds[r < 3 ? 1 : r % 2]!, r % 7 === 0 ? 'n/a' : `V${r % 11}`, r, Number.NaN);
      for (let t = 0; t < 4; t++) builder.addTransaction(t, t === 2 ? -1 : t + 1, t * 1.5, t, t * 10);
      return builder.finish([]);
    };
    const held = feed(new SnapshotBuilder(normalise));
    const links: Array<[number, string, string, number]> = [];
    const transactions: number[][] = [];
    const streamed = feed(
      new SnapshotBuilder(normalise, undefined, {
        links: {
          take(batch, kinds, names) {
            for (let r = 0; r < batch.size; r++) links.push([batch.account[r]!, names[kinds[r]!]!, batch.bytes.toString('utf8', batch.start[r], batch.end[r]), batch.firstSeen[r]!]);
          },
        },
        transactions: { add: (...row) => transactions.push(row) },
      }),
    );
    const heldLinks = Array.from(held.links.account, (account, i) => {
      const identifier = held.links.identifier[i]!;
      return [account, held.identifiers.kinds[held.identifiers.kindOf[identifier]!]!, held.identifiers.values.at(identifier), held.links.firstSeen[i]!];
    });
    expect(links).toEqual(heldLinks);
    expect(links.length).toBeGreaterThan(2 * LinkBatch.ROWS);
    expect(transactions).toEqual(Array.from(held.transactions.account, (a, t) => [a, held.transactions.counterparty[t], held.transactions.amount[t], held.transactions.status[t], held.transactions.createdAt[t]]));
    expect(streamed.identifiers.kinds).toEqual(['device', 'phone']);
    expect(streamed.identifiers.kinds).toEqual(held.identifiers.kinds);
    expect(streamed.placeholderRows).toBe(held.placeholderRows);
    expect(streamed.links.account.length).toBe(0);
    expect(streamed.identifiers.values.length).toBe(0);
    expect(streamed.transactions.account.length).toBe(0);
  });
});
