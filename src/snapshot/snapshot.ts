import type { IdentifierValues } from './identifier-values.js';
import type { TableFormat } from './locate-tables.js';
import type { TableName } from './table-schemas.js';

/** Transaction statuses that carry signal; everything else is `other`. */
export const TransactionStatus = { other: 0, settled: 1, chargeback: 2, refunded: 3, declined: 4 } as const;

export interface TableStats {
  table: TableName;
  path: string;
  format: TableFormat;
  bytes: number;
  sha256: string;
  rowsRead: number;
  rowsAccepted: number;
  rowsRejected: number;
}

/**
 * The snapshot after validation, normalisation and interning. Accounts and identifiers are dense
 * integer ids; every per-row fact is a typed array indexed by row or by id.
 */
export interface Snapshot {
  accounts: {
    ids: string[];
    /** epoch ms, NaN when unknown */
    createdAt: Float64Array;
    /** extra account columns (country, status, ...) by column name, indexed by account */
    properties: Map<string, string[]>;
    /** 1 known fraud, -1 cleared as legit, 0 unknown (a fraud label wins over a legit one) */
    label: Int8Array;
    /**
     * 1 where the fraud label is a reviewer's approval of an earlier night's candidate, not a label
     * of the snapshot (set by markApprovedAsFraud; absent when there is none)
     */
    approved?: Uint8Array;
  };
  identifiers: {
    /** distinct kinds, indexed by kind id */
    kinds: string[];
    kindOf: Int32Array;
    /** normalised values (raw card numbers already hashed) */
    values: IdentifierValues;
  };
  /**
   * One entry per accepted identifier row that links (placeholders excluded). The nightly run
   * empties them once the identifier graph holds them (releaseLinks).
   */
  links: {
    account: Int32Array;
    identifier: Int32Array;
    firstSeen: Float64Array;
    lastSeen: Float64Array;
  };
  transactions: {
    account: Int32Array;
    /** -1 for merchants or accounts outside the snapshot */
    counterparty: Int32Array;
    amount: Float64Array;
    status: Uint8Array;
    createdAt: Float64Array;
  };
  tables: TableStats[];
  /** identifier rows accepted but not linked because their value is a placeholder */
  placeholderRows: number;
  /** accounts whose id holds a card number: tokenised like any card number, unless they are kept as keys */
  cardLikeAccountIds?: number;
  /** `input.accountIdsAreKeys`: account ids were kept as they are */
  accountIdsAreKeys?: boolean;
}

/**
 * Lets the link columns go once the identifier graph holds them, merged and sorted (1.4 GB at 10M
 * accounts): the memory goes back to the stages after, instead of their taking fresh memory.
 */
export function releaseLinks(snapshot: Snapshot): void {
  snapshot.links = { account: new Int32Array(0), identifier: new Int32Array(0), firstSeen: new Float64Array(0), lastSeen: new Float64Array(0) };
}
