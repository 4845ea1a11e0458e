import { createHash } from 'node:crypto';
import neo4j from 'neo4j-driver';

/**
 * The content hash a written Account or Identifier keeps as `rowHash`: what the sink wrote to it
 * (for an account: its properties, its USES and the identifiers tonight's snapshot links it to).
 * The next night reads the hashes of the nodes in its scope back and sends only the rows whose
 * hash differs, so a night that changes little sends little. It is compared with what Neo4j
 * holds, not with a run folder: a night that died halfway left the hashes of what it did write.
 */
export function rowHash(content: unknown): string {
  // the rows build their content as one string (millions of rows: no replacer call per value)
  const text = typeof content === 'string' ? content : JSON.stringify(content, (_, v: unknown) => (neo4j.isInt(v) ? v.toString() : v));
  return createHash('sha1').update(text).digest('base64url').slice(0, 22);
}

/** Fields of a row's content joined by control characters no normalised value holds. */
export const FIELD = '\u001f';
export const ITEM = '\u001e';
