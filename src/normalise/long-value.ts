import { createHash } from 'node:crypto';

/**
 * Longest value stored as text. Longer values (pasted documents, junk columns) are replaced by a
 * digest of the whole canonical value: they still link identically, but do not bloat the graph,
 * the run folder or Neo4j.
 */
export const MAX_VALUE_LENGTH = 512;

export function digestLongValue(value: string): string {
  return 'sha256:' + createHash('sha256').update(value, 'utf8').digest('hex');
}
