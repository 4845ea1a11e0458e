import type { CsvRow } from './csv-scanner.js';
import { redactCardNumbers } from '../normalise/redact.js';
import { isEpochMillis } from './timestamp.js';

/**
 * Whether any field but `except` (-1: none) may hold a card number (fieldMayHoldCardNumber). A
 * field marked in `timestamps` that holds an epoch in milliseconds is a time, not a card number
 * (isEpochMillis), as the general path's scrub also has it (load-snapshot.ts).
 */
export function mayHoldCardNumber(row: CsvRow, except: number, timestamps?: Uint8Array): boolean {
  for (let f = 0; f < row.count; f++) {
    if (f === except || !fieldMayHoldCardNumber(row, f)) continue;
    if (timestamps !== undefined && timestamps[f] === 1 && isEpochMillis(row.bytes, row.starts[f]!, row.ends[f]!)) continue;
    return true;
  }
  return false;
}

/**
 * Whether the field has 13 or more digits in a run (digits joined by single spaces, dots or
 * dashes): the only text in which the card-number scrub (normalise/card-numbers-in-text.ts)
 * changes anything. A UTC timestamp breaks its digits with `T` and `:`, so it never counts.
 */
export function fieldMayHoldCardNumber(row: CsvRow, f: number): boolean {
  const b = row.bytes;
  const start = row.starts[f]!;
  const end = row.ends[f]!;
  if (end - start < 13) return false;
  if (!row.ascii) {
    const text = row.text(f);
    return redactCardNumbers(text) !== text || /[\u00a0\u2010-\u2015]/.test(text);
  }
  if (isShortDateTime(b, start, end)) return false;
  let digits = 0;
  for (let i = start; i < end; i++) {
    const c = b[i]!;
    if (c >= 0x30 && c <= 0x39) {
      if (++digits >= 13) return true;
    } else if (!((c === 0x20 || c === 0x2e || c === 0x2d) && digits > 0 && i + 1 < end && b[i + 1]! >= 0x30 && b[i + 1]! <= 0x39)) {
      digits = 0;
    }
  }
  return false;
}

const DASH = 0x2d;
const COLON = 0x3a;

/**
 * A field shaped like a date and time of at most 24 bytes (`2024-03-05T12:34:56Z`,
 * `2024-03-05 12:34:56.123`): `-` at 4 and 7, `T` or a space at 10, `:` at 13. `T` and `:` end a
 * run of digits, so no run in it reaches 13 digits: bytes 0–12 hold at most 10 digits, and the
 * at most 10 bytes after the colon at most 10. The scan below would find none; this says so
 * without reading every byte of two timestamps on each of millions of rows.
 */
function isShortDateTime(b: Uint8Array, start: number, end: number): boolean {
  const length = end - start;
  if (length < 14 || length > 24) return false;
  const separator = b[start + 10];
  return b[start + 4] === DASH && b[start + 7] === DASH && b[start + 13] === COLON && (separator === 0x54 || separator === 0x20);
}
