import type { Hash } from 'node:crypto';

/** A cluster id: `FR-` and the first 12 hex digits of a sha256 (of the members, or of a lineage seed). */
export function clusterIdOf(sha256: Hash): string {
  return `FR-${sha256.digest('hex').slice(0, 12)}`;
}
