/** Kinds without rules of their own (national_id, username, ...): case-insensitive text. */
export function canonicaliseGeneric(clean: string): string {
  return clean.toLowerCase();
}
