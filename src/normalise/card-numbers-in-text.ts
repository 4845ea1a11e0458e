import { isPanShaped } from './card-number.js';

/**
 * Finds card numbers (PANs) anywhere in a text: 13–19 digits passing the Luhn check (never all
 * zeros: see isPanShaped), written
 * together or grouped with single spaces, dots or dashes (`4111.1111.1111.1111`,
 * `5105 1051 0510 5100`, `4111-1111-1111-1111`), inside any value of any column. Each one found
 * is replaced by what `replace` makes of its digits; the rest of the text is kept.
 *
 * A run of digit groups that is longer than a card number (a date, then a card number) is
 * searched group by group, so that a PAN cannot hide by touching other digits through a
 * separator. A bare stretch of more than 19 digits is not a card number and is kept.
 *
 * Fast on text without card numbers: one pass over the characters and no allocation unless a
 * run of at least 13 digits is found.
 */
export function replaceCardNumbers(text: string, replace: (digits: string) => string): string {
  if (text.length < 13 || !hasLongDigitRun(text)) return text;
  let out = '';
  let last = 0;
  RUN.lastIndex = 0;
  for (let match = RUN.exec(text); match !== null; match = RUN.exec(text)) {
    const run = match[0];
    const replaced = replaceInRun(run, replace);
    if (replaced === null) continue;
    out += text.slice(last, match.index) + replaced;
    last = match.index + run.length;
  }
  return last === 0 ? text : out + text.slice(last);
}

/** True when the text contains a card number (for checks and tests). */
export function containsCardNumber(text: string): boolean {
  let found = false;
  replaceCardNumbers(text, (digits) => {
    found = true;
    return digits;
  });
  return found;
}

const SEPARATOR_KEPT = /([ .\-\u00a0\u2010-\u2015])/;
/** Digits joined by at most one separator each. */
const RUN = /\d(?:[ .\-\u00a0\u2010-\u2015]?\d)*/g;

function isDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}

function isSeparator(code: number): boolean {
  return code === 0x20 || code === 0x2e || code === 0x2d || code === 0xa0 || (code >= 0x2010 && code <= 0x2015);
}

/** Whether some run of digits (joined by single separators) has 13 digits or more. */
function hasLongDigitRun(text: string): boolean {
  let digits = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (isDigit(code)) {
      if (++digits >= 13) return true;
    } else if (!(isSeparator(code) && digits > 0 && i + 1 < text.length && isDigit(text.charCodeAt(i + 1)))) {
      digits = 0;
    }
  }
  return false;
}

/** The run with its card numbers replaced, or null when it holds none. */
function replaceInRun(run: string, replace: (digits: string) => string): string | null {
  const digits = run.replace(/\D/g, '');
  if (digits.length < 13) return null;
  if (digits.length <= 19 && isPanShaped(digits)) return replace(digits);
  // a longer run: look for card numbers made of whole groups of 3+ digits; separators between groups are kept
  const parts = run.split(SEPARATOR_KEPT); // groups at even indexes, separators at odd ones
  let out = '';
  let changed = false;
  let i = 0;
  while (i < parts.length) {
    let found = -1;
    let count = 0;
    let joined = '';
    for (let j = i; j < parts.length && count < 19; j += 2) {
      // card numbers are written in groups of 3 to 6 digits: a short group (a date's month) ends the window
      if (j > i && parts[j]!.length < 3) break;
      if (j === i + 2 && parts[i]!.length < 3) break;
      count += parts[j]!.length;
      joined += parts[j]!;
      if (isPanShaped(joined)) found = j;
    }
    if (found >= 0) {
      out += replace(joined.slice(0, digitsIn(parts, i, found)));
      changed = true;
      i = found;
    } else {
      out += parts[i]!;
    }
    if (i + 1 < parts.length) out += parts[i + 1]!;
    i += 2;
  }
  return changed ? out : null;
}

function digitsIn(parts: readonly string[], from: number, to: number): number {
  let n = 0;
  for (let k = from; k <= to; k += 2) n += parts[k]!.length;
  return n;
}
