import { getCountries, getCountryCallingCode } from 'libphonenumber-js/min';

/**
 * Phone numbers become their national significant number: the digits without an international
 * prefix, a country calling code or a national trunk 0 (`+44 7700 900123`, `07700 900123` and
 * `0044 7700 900123` are all `7700900123`; `+1 (202) 555-0123`, `202.555.0123` and
 * `1 202 555 0123` are all `2025550123`).
 *
 * An export rarely says which country a national number belongs to, and one export often mixes
 * spellings with and without a country code. Keying on the national number links every spelling
 * of a number without guessing its country; two countries' numbers agree in all their digits only
 * by rare accident.
 *
 * Rules, in order, on the digits (a `+` before the first digit counts as an international prefix):
 * - fewer than 6 digits, or filler (`0000000000`, `+44 0000 000000`, see isFillerNumber) → null;
 * - international: `+…`, `00…`, with default country code 1 also `011…`, or more than 10 digits
 *   without a prefix → the country calling code is dropped (codes are prefix-free, so at most one
 *   of 1–3 digits matches), and a `(0)` trunk marker after it;
 * - national: a leading trunk 0 is dropped;
 * - 6–10 digits without a prefix are the national number already (a local number still links).
 */
export function createPhoneCanonicaliser(defaultCountryCode: string): (clean: string) => string | null {
  const nanp = defaultCountryCode === '1';

  return (clean) => {
    const read = readDigits(clean);
    const plus = read.charCodeAt(0) === 0x2b;
    const digits = plus ? read.slice(1) : read;
    if (digits.length < 6 || isFillerNumber(digits)) return null;
    if (plus) return nationalNumber(digits);
    if (digits.charCodeAt(0) === 0x30) {
      if (digits.charCodeAt(1) === 0x30) return nationalNumber(digits.slice(2));
      if (nanp && digits.startsWith('011')) return nationalNumber(digits.slice(3));
      return withoutTrunkZero(digits);
    }
    if (digits.length > 10) return nationalNumber(digits);
    return digits;
  };
}

/** Every country calling code libphonenumber knows (1–3 digits). */
const CALLING_CODES: ReadonlySet<string> = new Set(getCountries().map((country) => getCountryCallingCode(country) as string));

/** An international number's digits without their calling code and trunk 0; unchanged when no code matches. */
function nationalNumber(international: string): string {
  for (let length = 1; length <= 3; length++) {
    if (international.length - length < 6) break;
    if (CALLING_CODES.has(international.slice(0, length))) {
      return withoutTrunkZero(international.slice(length));
    }
  }
  return international;
}

/** A national number without its trunk 0, by one rule for national and international spellings alike. */
function withoutTrunkZero(national: string): string {
  return national.charCodeAt(0) === 0x30 && national.length > 6 ? national.slice(1) : national;
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
