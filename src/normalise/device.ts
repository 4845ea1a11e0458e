const BRACES_OR_SPACE = /[{}\s]/;
const BRACES_OR_SPACE_ALL = /[{}\s]+/g;

/**
 * Device ids (UUIDs, IDFAs, fingerprints) are case-insensitive (lowercased by clean-text.ts) and
 * often wrapped in braces by Windows tooling. The all-zero UUID (IDFA with tracking limited) is caught by the shared
 * zero-filler rule, so it never links.
 */
export function canonicaliseDevice(clean: string): string {
  return BRACES_OR_SPACE.test(clean) ? clean.replace(BRACES_OR_SPACE_ALL, '') : clean;
}
