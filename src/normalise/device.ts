const BRACES_OR_SPACE = /[{}\s]/;
const BRACES_OR_SPACE_ALL = /[{}\s]+/g;

/**
 * Device ids (UUIDs, IDFAs, fingerprints) are case-insensitive and often wrapped in braces by
 * Windows tooling. The all-zero UUID (IDFA with tracking limited) is caught by the shared
 * zero-filler rule, so it never links.
 */
export function canonicaliseDevice(clean: string): string {
  const s = clean.toLowerCase();
  return BRACES_OR_SPACE.test(s) ? s.replace(BRACES_OR_SPACE_ALL, '') : s;
}
