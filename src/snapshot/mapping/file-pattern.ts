/**
 * Whether a file name in the snapshot folder matches a mapping's `file`: the name itself, or a
 * glob on names where `*` is any run of characters and `?` one character. Exports name one file
 * per type (`USED.parquet`) or one per part (`USED-0001.parquet`); nothing more is needed, and
 * names never cross folders.
 */
export function fileMatcher(pattern: string): (name: string) => boolean {
  if (!/[*?]/.test(pattern)) return (name) => name === pattern;
  const body = pattern
    .split('')
    .map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[.+^${}()|[\]\\]/g, '\\$&')))
    .join('');
  const shape = new RegExp(`^${body}$`, 's');
  return (name) => shape.test(name);
}
