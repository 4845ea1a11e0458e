/**
 * Phone numbers become E.164-like strings (`+447700900123`) so that national, international and
 * punctuated spellings of one number link.
 *
 * Rules, in order, on the digits (a `+` before the first digit counts as an international prefix):
 * - fewer than 6 digits, or filler (`0000000000`, `+44 0000 000000`, see isFillerNumber) → null;
 * - `+…` → kept; a `(0)` trunk marker after a `+` prefix is dropped (`+44 (0)7700…`);
 * - `00…` → `+…`; with default country code 1, `011…` → `+…` (NANP international prefix);
 * - `0…` → `+<defaultCountryCode>…` (national number with trunk 0);
 * - exactly 10 digits → `+<defaultCountryCode>…` (NANP `+1` when the default is 1);
 * - more than 10 digits → `+…` (assumed to carry its country code already);
 * - 6–9 digits → the bare digits (a local number cannot be made international; it still links).
 */
export function createPhoneCanonicaliser(defaultCountryCode: string): (clean: string) => string | null {
  const nationalPrefix = '+' + defaultCountryCode;
  const nanp = defaultCountryCode === '1';

  return (clean) => {
    const read = readDigits(clean);
    const plus = read.charCodeAt(0) === 0x2b;
    const digits = plus ? read.slice(1) : read;
    if (digits.length < 6 || isFillerNumber(digits)) return null;
    if (plus) return read;
    if (digits.charCodeAt(0) === 0x30) {
      if (digits.charCodeAt(1) === 0x30) return '+' + digits.slice(2);
      if (nanp && digits.startsWith('011')) return '+' + digits.slice(3);
      return nationalPrefix + digits.slice(1);
    }
    if (digits.length === 10) return nationalPrefix + digits;
    if (digits.length > 10) return '+' + digits;
    return digits;
  };
}

const DIGITS_ONLY = /^\+?[0-9]+$/;

/** The digits of a phone number, after a `+` if one came before the first digit. */
function readDigits(s: string): string {
  // Most stored numbers are already bare (`07700900123`, `+447700900123`): nothing to rebuild.
  if (DIGITS_ONLY.test(s)) return s;
  let digits = '';
  let plus = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x30 && c <= 0x39) {
      digits += s[i];
    } else if (c === 0x2b) {
      if (digits.length === 0) plus = true;
    } else if (c >= 0x80) {
      const d = nonAsciiDigit(c);
      if (d >= 0) digits += String.fromCharCode(0x30 + d);
    } else if (c === 0x28 && plus && s.charCodeAt(i + 1) === 0x30 && s.charCodeAt(i + 2) === 0x29) {
      i += 2; // "(0)": the national trunk prefix written inside an international number
    }
  }
  return plus ? '+' + digits : digits;
}

/**
 * True for numbers typed to get past a form: all one digit (`000000`, `1111111111`), or at least
 * 8 trailing copies of one digit after at most three leading ones, i.e. a country code
 * (`+44 0000 000000`, `+1 555 555 5555`). Short real numbers with trailing zeros (`100000`) stay.
 */
export function isFillerNumber(digits: string): boolean {
  const n = digits.length;
  const last = digits.charCodeAt(n - 1);
  let run = 1;
  for (let i = n - 2; i >= 0 && digits.charCodeAt(i) === last; i--) run++;
  return run === n || (run >= 8 && run >= n - 3);
}

/** Arabic-Indic, extended Arabic-Indic, Devanagari and fullwidth digits, which appear in forms. */
function nonAsciiDigit(c: number): number {
  if (c >= 0x0660 && c <= 0x0669) return c - 0x0660;
  if (c >= 0x06f0 && c <= 0x06f9) return c - 0x06f0;
  if (c >= 0x0966 && c <= 0x096f) return c - 0x0966;
  if (c >= 0xff10 && c <= 0xff19) return c - 0xff10;
  return -1;
}
