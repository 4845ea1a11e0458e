/**
 * The timestamp forms the loader reads, straight from a field's bytes (millions of rows a night:
 * digits are read by byte value, no regex, no Date.parse, no string):
 *
 * - `YYYY-MM-DD`: midnight UTC of that day;
 * - `YYYY-MM-DDTHH:MM`, then optionally `:SS`, then optionally a fraction of any length (`.5`,
 *   `.000`, `.123456789`; read to the millisecond, further digits truncated, as Date.parse does),
 *   with `T` or a space between date and time (`2024-03-05 12:34:56`, the form SQL exports write);
 * - then `Z`, an offset `+hh:mm`, `-hh:mm`, `+hhmm` or `-hhmm`, or nothing: a time without an
 *   offset is read as UTC (never as the machine's local time, so that a run does not depend on
 *   where it runs);
 * - epoch seconds (9 or 10 digits) or epoch milliseconds (12 or 13 digits): 1973 to 2286, or for
 *   milliseconds 1973 to 2096. A 13-digit number that begins with 4 or more is not read as a time:
 *   it may be a card number (13-digit card numbers begin with 4), and those are never data.
 *
 * Returns epoch milliseconds, NaN for an empty field, or undefined for anything else (the general
 * path then trims the text and tries again, or rejects it with a reason).
 */
export function timestampFromBytes(b: Uint8Array, start: number, end: number): number | undefined {
  const length = end - start;
  if (length === 0) return Number.NaN;
  if (length >= 10 && b[start + 4] === DASH) return dateTime(b, start, end);
  return epoch(b, start, end);
}

/**
 * Whether the field is an epoch in milliseconds as timestampFromBytes reads it: 12 or 13 digits,
 * the 13th-digit form beginning with 1–3. Such a value is a time, not a card number, so the
 * card-number scrub leaves it alone in a timestamp column (see card-number-fields.ts).
 */
export function isEpochMillis(b: Uint8Array, start: number, end: number): boolean {
  const length = end - start;
  if (length !== 12 && length !== 13) return false;
  if (length === 13 && (b[start]! < DIGIT_1 || b[start]! > DIGIT_3)) return false;
  for (let i = start; i < end; i++) if ((b[i]! - DIGIT_0) >>> 0 > 9) return false;
  return true;
}

const DASH = 0x2d;
const PLUS = 0x2b;
const COLON = 0x3a;
const DOT = 0x2e;
const SPACE = 0x20;
const T = 0x54;
const Z = 0x5a;
const DIGIT_0 = 0x30;
const DIGIT_1 = 0x31;
const DIGIT_3 = 0x33;
const DAY_MS = 86_400_000;

function dateTime(b: Uint8Array, s: number, end: number): number | undefined {
  if (b[s + 7] !== DASH) return undefined;
  const year = fourDigits(b, s);
  const month = twoDigits(b, s + 5);
  const day = twoDigits(b, s + 8);
  // NaN (a byte that is not a digit) fails every comparison
  if (!(year >= 0 && month >= 1 && month <= 12 && day >= 1)) return undefined;
  if (day > 28 && day > daysInMonth(year, month)) return undefined;
  const midnight = daysFromCivil(year, month, day) * DAY_MS;
  if (end - s === 10) return midnight;

  const separator = b[s + 10];
  if ((separator !== T && separator !== SPACE) || end - s < 16 || b[s + 13] !== COLON) return undefined;
  const hour = twoDigits(b, s + 11);
  const minute = twoDigits(b, s + 14);
  if (!(hour <= 23 && minute <= 59)) return undefined;
  let at = s + 16;
  let second = 0;
  let ms = 0;
  if (at < end && b[at] === COLON) {
    if (at + 3 > end) return undefined;
    second = twoDigits(b, at + 1);
    if (!(second <= 59)) return undefined;
    at += 3;
    if (at < end && b[at] === DOT) {
      at++;
      const from = at;
      let scale = 100;
      while (at < end) {
        const d = b[at]! - DIGIT_0;
        if (d >>> 0 > 9) break;
        ms += d * scale;
        scale = (scale / 10) | 0;
        at++;
      }
      if (at === from) return undefined;
    }
  }
  let offsetMinutes = 0;
  if (at < end) {
    const sign = b[at];
    if (sign === Z) {
      if (at + 1 !== end) return undefined;
    } else if (sign === PLUS || sign === DASH) {
      // +hh:mm (6 bytes) or +hhmm (5 bytes)
      const rest = end - at;
      const hours = twoDigits(b, at + 1);
      let minutes: number;
      if (rest === 6 && b[at + 3] === COLON) minutes = twoDigits(b, at + 4);
      else if (rest === 5) minutes = twoDigits(b, at + 3);
      else return undefined;
      if (!(hours <= 23 && minutes <= 59)) return undefined;
      offsetMinutes = (sign === PLUS ? 1 : -1) * (hours * 60 + minutes);
    } else return undefined;
  }
  return midnight + ((hour * 60 + minute - offsetMinutes) * 60 + second) * 1000 + ms;
}

function epoch(b: Uint8Array, s: number, end: number): number | undefined {
  const length = end - s;
  if (length !== 9 && length !== 10 && length !== 12 && length !== 13) return undefined;
  if (length === 13 && (b[s]! < DIGIT_1 || b[s]! > DIGIT_3)) return undefined;
  let value = 0;
  for (let i = s; i < end; i++) {
    const d = b[i]! - DIGIT_0;
    if (d >>> 0 > 9) return undefined;
    value = value * 10 + d;
  }
  if (b[s] === DIGIT_0) return undefined; // a zero-padded number is an id, not a time
  return length <= 10 ? value * 1000 : value;
}

/** The number written by two ASCII digits at b[at], or NaN. */
function twoDigits(b: Uint8Array, at: number): number {
  const hi = b[at]! - DIGIT_0;
  const lo = b[at + 1]! - DIGIT_0;
  return hi >>> 0 <= 9 && lo >>> 0 <= 9 ? hi * 10 + lo : Number.NaN;
}

function fourDigits(b: Uint8Array, at: number): number {
  const hi = twoDigits(b, at);
  const lo = twoDigits(b, at + 2);
  return hi * 100 + lo;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Days since 1970-01-01 of a proleptic Gregorian date, any year from 0 (H. Hinnant's algorithm). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = (((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) | 0) + day - 1;
  const doe = yoe * 365 + ((yoe / 4) | 0) - ((yoe / 100) | 0) + doy;
  return era * 146097 + doe - 719468;
}
