import { describe, expect, it } from 'vitest';
import { fieldMayHoldCardNumber } from '../../src/snapshot/card-number-fields.js';
import { CsvRow } from '../../src/snapshot/csv-scanner.js';

/** A one-field ASCII row holding `text`. */
function rowOf(text: string): CsvRow {
  const row = new CsvRow();
  row.bytes = Buffer.from(text, 'latin1');
  row.starts[0] = 0;
  row.ends[0] = row.bytes.length;
  row.count = 1;
  row.ascii = true;
  return row;
}

/** What the scan is defined as: 13 digits in a run, joined by single spaces, dots or dashes. */
const longRun = (text: string) => /\d(?:[ .-]?\d){12}/.test(text);

describe('fieldMayHoldCardNumber', () => {
  it('finds no card number in date-times, whatever their form', () => {
    for (const text of ['2026-07-30T00:00:00Z', '2026-07-30T00:00:00.000Z', '2026-07-30 12:34:56', '2026-07-30 12:34:56.1234', '2026-07-30T12:34+01:00', '2026-07-30T12:34:56-0500', '2026-07-30 12:34']) {
      expect(fieldMayHoldCardNumber(rowOf(text), 0), text).toBe(false);
    }
  });

  it('still finds 13 digits in a run in fields that only begin like a date-time', () => {
    for (const text of ['2026-07-30T00:00:00.4111111111111', '2026-07-30X1234567890123', '4111-1111-1111-1111', '2026-07-30 1234567890123', '2026-07-30T12:3456789012345']) {
      expect(fieldMayHoldCardNumber(rowOf(text), 0), text).toBe(true);
    }
  });

  it('agrees with the definition on random fields, date-time-shaped or nearly so', () => {
    const separators = ['-', ':', ' ', '.', 'T', 'Z'];
    let state = 7;
    const next = () => (state = (Math.imul(state, 1103515245) + 12345) >>> 0) >>> 16;
    let found = 0;
    for (let n = 0; n < 20_000; n++) {
      const length = 13 + (next() % 14);
      const chars = Array.from({ length }, () => (next() % 100 < 85 ? String(next() % 10) : separators[next() % separators.length]!));
      // most fields get some of the shape the shortcut looks for, a few all of it
      if (next() % 2) chars[4] = '-';
      if (next() % 2) chars[7] = '-';
      if (next() % 2) chars[10] = next() % 2 ? 'T' : ' ';
      if (length > 13 && next() % 2) chars[13] = ':';
      const text = chars.join('');
      const expected = longRun(text);
      if (expected) found++;
      expect(fieldMayHoldCardNumber(rowOf(text), 0), text).toBe(expected);
    }
    expect(found).toBeGreaterThan(100);
  });
});
