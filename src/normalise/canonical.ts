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
