/**
 * Rules shared by every identifier kind: Unicode NFC, well-formed UTF-16, lowercase (every kind
 * is case-insensitive), trimmed, internal whitespace collapsed to one space.
 *
 * Runs once per identifier row (millions per night), so the common case (printable ASCII and
 * single spaces) is recognised by one precompiled regex test and only lowercased: no
 * `normalize`, no replace. On snapshot data a per-character JS loop, and copying through a
 * buffer into a one-byte string, both measured slower than this.
 */

/** Anything but printable ASCII and single spaces: non-ASCII, tabs, newlines, controls, "  ". */
const NEEDS_WORK = /[^\x21-\x7e ]| {2}/;
const NON_ASCII = /[^\x00-\x7f]/;
const WHITESPACE_RUN = /\s+/g;
// Without the `u` flag the regex sees UTF-16 code units, which is what finds unpaired halves.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const ANY_SURROGATE = /[\uD800-\uDFFF]/;

export function cleanText(raw: string): string {
  const n = raw.length;
  if (n === 0) return raw;
  if (raw.charCodeAt(0) !== 0x20 && raw.charCodeAt(n - 1) !== 0x20 && !NEEDS_WORK.test(raw)) return raw.toLowerCase();
  // ASCII with stray whitespace or controls: NFC cannot change ASCII, so skip `normalize`.
  if (!NON_ASCII.test(raw)) return raw.replace(WHITESPACE_RUN, ' ').trim().toLowerCase();
  return cleanGeneral(raw);
}

function cleanGeneral(raw: string): string {
  let s = raw;
  // Invalid input bytes usually arrive as U+FFFD already; unpaired surrogates get the same
  // treatment so every sink (UTF-8 files, Bolt) stores exactly the value we link on.
  if (ANY_SURROGATE.test(s)) s = s.replace(LONE_SURROGATE, '\uFFFD');
  // Lowercasing can decompose (`İ` → `i̇`), so compose after it.
  s = s.toLowerCase().normalize('NFC');
  // `\s` and `trim` agree on the Unicode space set (NBSP, U+3000, BOM, ...).
  return s.replace(WHITESPACE_RUN, ' ').trim();
}
