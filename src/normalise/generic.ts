/**
 * Kinds without rules of their own (national_id, username, ...): the shared rules only (NFC,
 * lowercase, whitespace; see clean-text.ts), so the value is already canonical.
 */
export function canonicaliseGeneric(clean: string): string {
  return clean;
}
