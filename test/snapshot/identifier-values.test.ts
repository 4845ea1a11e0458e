import { describe, expect, it } from 'vitest';
import { valueList } from '../../src/snapshot/identifier-values.js';
import { SnapshotBuilder } from '../../src/snapshot/snapshot-builder.js';

describe('identifier values', () => {
  it('reads an in-memory list by identifier id', () => {
    const values = valueList(['d1', 'anna@example.com']);
    expect(values.length).toBe(2);
    expect(values.at(1)).toBe('anna@example.com');
  });

  it('reads the loader\'s values back from their bytes, non-ASCII included, one per kind and value', () => {
    const builder = new SnapshotBuilder((_kind, raw) => ({ value: raw.trim().toLowerCase(), hashed: false }), { accounts: 4, identifiers: 4, transactions: 0 });
    const a = builder.addAccount('A1', Number.NaN);
    builder.finishAccounts();
    const device = builder.kindOf('device');
    const address = builder.kindOf('address');
    builder.linkValue(a, device, ' Straße-7 ', Number.NaN, Number.NaN);
    builder.linkValue(a, address, 'straße-7', Number.NaN, Number.NaN);
    builder.linkValue(a, device, 'STRASSE-7', Number.NaN, Number.NaN);
    builder.linkValue(a, device, 'straße-7', Number.NaN, Number.NaN);
    const { identifiers, links } = builder.finish([]);
    expect(identifiers.values.length).toBe(3);
    expect([0, 1, 2].map((i) => identifiers.values.at(i))).toEqual(['straße-7', 'straße-7', 'strasse-7']);
    expect(Array.from(links.identifier)).toEqual([0, 1, 2, 0]);
  });
});
