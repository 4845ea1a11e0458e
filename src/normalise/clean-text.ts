/**
 * Rules shared by every identifier kind: Unicode NFC, well-formed UTF-16, trimmed, internal
 * whitespace collapsed to one space. Runs once per identifier row (millions per night), so
 * pure-ASCII values that need nothing are returned as they are, without a regex or `normalize`.
 */

const WHITESPACE_RUN = /\s+/g;

// Without the `u` flag the regex sees UTF-16 code units, which is what finds unpaired halves.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const ANY_SURROGATE = /[\uD800-\uDFFF]/;

export function cleanText(raw: string): string {
  const n = raw.length;
  // Leading whitespace, trailing whitespace, runs of spaces, and tabs/newlines all need a rewrite.
  let needsWhitespaceWork = false;
  let previousWasSpace = true;
  for (let i = 0; i < n; i++) {
    const c = raw.charCodeAt(i);
    if (c >= 0x80) return cleanNonAscii(raw);
    if (c === 0x20) {
      if (previousWasSpace) needsWhitespaceWork = true;
      previousWasSpace = true;
    } else if (c >= 0x09 && c <= 0x0d) {
      needsWhitespaceWork = true;
      previousWasSpace = true;
    } else {
      previousWasSpace = false;
    }
  }
  if (previousWasSpace) needsWhitespaceWork = true;
  return needsWhitespaceWork ? raw.replace(WHITESPACE_RUN, ' ').trim() : raw;
}

function cleanNonAscii(raw: string): string {
  let s = raw;
  // Invalid input bytes usually arrive as U+FFFD already; unpaired surrogates get the same
  // treatment so every sink (UTF-8 files, Bolt) stores exactly the value we link on.
  if (ANY_SURROGATE.test(s)) s = s.replace(LONE_SURROGATE, '\uFFFD');
  s = s.normalize('NFC');
  // `\s` and `trim` agree on the Unicode space set (NBSP, U+3000, BOM, ...).
  return s.replace(WHITESPACE_RUN, ' ').trim();
}
