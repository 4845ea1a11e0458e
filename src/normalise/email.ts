/**
 * On cleaned (so lowercased) text: drop a `+tag` from the local part; for Gmail also drop dots in
 * the local part and fold googlemail.com into gmail.com, because Gmail delivers all those
 * spellings to one inbox.
 *
 * Anything that is not one `@` followed by a dotted domain is kept as cleaned: rejecting
 * malformed addresses is the snapshot validator's job, and a malformed value still links.
 * (Lowercasing the local part is technically lossy per RFC 5321; no mail provider relies on it.)
 */
export function canonicaliseEmail(clean: string): string {
  const s = clean;
  const at = s.indexOf('@');
  if (at <= 0 || s.indexOf('@', at + 1) !== -1) return s;
  const domainDot = s.indexOf('.', at + 1);
  if (domainDot <= at + 1 || domainDot === s.length - 1) return s;

  const plus = s.indexOf('+');
  const hasTag = plus > 0 && plus < at;
  // endsWith instead of slicing the domain out: most rows are neither tagged nor Gmail.
  const gmail = s.endsWith('@gmail.com') || s.endsWith('@googlemail.com');
  if (!hasTag && !gmail) return s;

  let local = hasTag ? s.slice(0, plus) : s.slice(0, at);
  if (gmail) {
    local = local.replaceAll('.', '');
    if (local.length === 0) return s;
    return local + '@gmail.com';
  }
  return local + s.slice(at);
}
