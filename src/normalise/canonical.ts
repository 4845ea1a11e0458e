/**
 * What normalisation yields for one identifier value.
 *
 * `hashed` is true when `value` is a digest rather than the identifier's text: a keyed hash of a
 * raw card number (`pan:` prefix) or the digest of an over-long value (`sha256:` prefix). Sinks use
 * it to avoid presenting a digest as if it were readable data.
 *
 * `null` means the value is empty or a placeholder: it must never link accounts.
 */
export type Normalised = { value: string; hashed: boolean } | null;

/**
 * One identifier kind's rules. Input is already cleaned (NFC, trimmed, whitespace collapsed,
 * non-empty). Output values are lowercase, so placeholder matching can be an exact Set lookup.
 */
export type Canonicaliser = (clean: string) => Normalised;

/** Lifts a text-only rule (`string | null`) to a `Canonicaliser`. */
export function textCanonicaliser(rule: (clean: string) => string | null): Canonicaliser {
  return (clean) => {
    const value = rule(clean);
    return value === null ? null : { value, hashed: false };
  };
}
