import type { LinkBatch } from './link-batch.js';

/**
 * Where a SnapshotBuilder sends links and transactions instead of holding them: the Spark engine
 * writes them out as Parquet parts while the snapshot is read, so the load never holds them all.
 * Without sinks the builder interns and holds them (the Snapshot).
 */
export interface BuilderSinks {
  links?: LinkSink;
  transactions?: TransactionSink;
}

export interface LinkSink {
  /**
   * One batch of links, in the order a held load numbers them (`Snapshot.links`): row r links
   * account `batch.account[r]` to the normalised value `batch.bytes[batch.start[r], batch.end[r])`
   * (UTF-8) of public kind `kinds[r]`, named `kindNames[kinds[r]]`. The batch is reused after.
   */
  take(batch: LinkBatch, kinds: Int32Array, kindNames: readonly string[]): void;
}

export interface TransactionSink {
  /** one accepted transaction, in the order a held load numbers them (`Snapshot.transactions`) */
  add(account: number, counterparty: number, amount: number, status: number, createdAt: number): void;
}
