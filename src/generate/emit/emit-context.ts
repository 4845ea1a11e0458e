import type { TableWriter } from '../write/table-writer.js';
import type { World } from '../world.js';
import type { IdentifierValues } from './identifier-values.js';

export interface SnapshotWriters {
  accounts: TableWriter;
  identifiers: TableWriter;
  /** null when the world has no such table */
  transactions: TableWriter | null;
  labels: TableWriter | null;
  truth: TableWriter;
}

/** What the emitter needs for every account. */
export interface EmitContext {
  world: World;
  values: IdentifierValues;
  writers: SnapshotWriters;
  accountId: (i: number) => string;
  ringId: (ring: number) => string;
  /** Next transaction number; transaction ids are handed out in emission order. */
  nextTransaction: number;
}

/** Account ids look like A0000001 (seven digits, more when the world is bigger). */
export function accountIdFormat(accounts: number): (i: number) => string {
  const width = Math.max(7, String(accounts).length);
  return (i) => 'A' + String(i + 1).padStart(width, '0');
}

export function ringIdFormat(rings: number): (ring: number) => string {
  const width = Math.max(4, String(rings).length);
  return (ring) => 'R' + String(ring + 1).padStart(width, '0');
}
