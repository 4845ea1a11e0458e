/**
 * Whether a JSON text nests arrays and objects deeper than `max`, found without parsing it (a
 * row nested thousands of levels deep would overflow the stack of the parser or of a later
 * stringify). Brackets inside strings are skipped.
 */
export function nestsDeeperThan(text: string, max: number): boolean {
  // fast path: a flat row has one `{` and no `[`
  const firstBrace = text.indexOf('{');
  if (text.indexOf('{', firstBrace + 1) === -1 && text.indexOf('[') === -1) return max < 1;
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) {
      inString = true;
    } else if (c === 0x7b || c === 0x5b) {
      if (++depth > max) return true;
    } else if (c === 0x7d || c === 0x5d) {
      depth--;
    }
  }
  return false;
}
