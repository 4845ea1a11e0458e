import neo4j, { type Driver } from 'neo4j-driver';
import PQueue from 'p-queue';
import type { Logger } from '../../log.js';
import { batches } from './batches.js';

export interface BatchOptions {
  /** rows per UNWIND transaction */
  batchSize: number;
  /** transactions in flight at once */
  concurrency: number;
}

/** How one statement's rows are cut into batches and sent. */
export interface Batching<Row> {
  /** graph rows (nodes and relationships) a row writes, for batchSize and rows/s (default 1) */
  weightOf?: (row: Row) => number;
  /** the statement's parameters for one batch (default `{rows: batch}`) */
  params?: (batch: Row[]) => Record<string, unknown>;
}

export interface StatementStats {
  statement: string;
  /** graph rows written: nodes and relationships the rows stand for */
  rows: number;
  batches: number;
  ms: number;
  rowsPerSecond: number;
  nodesCreated: number;
  relationshipsCreated: number;
  propertiesSet: number;
  /** batches executeWrite ran again after a deadlock or transient error */
  retries: number;
}

/**
 * Streams rows into one `UNWIND $rows` statement, a batch per managed transaction
 * (`executeWrite` retries deadlocks and transient errors), with a bounded number of batches in
 * flight. Rows are pulled from the iterable only as fast as Neo4j takes them, so memory stays at
 * about (concurrency + 1) batches however large the graph. The first failed batch stops the rest.
 */
export class BatchWriter {
  constructor(
    private readonly driver: Driver,
    private readonly database: string,
    private readonly options: BatchOptions,
    private readonly log: Logger,
  ) {}

  async write<Row extends object>(
    statement: string,
    text: string,
    rows: Iterable<Row>,
    params: Record<string, unknown> = {},
    batching: Batching<Row> = {},
  ): Promise<StatementStats> {
    const { weightOf, params: paramsOf = (batch: Row[]) => ({ rows: batch }) } = batching;
    const started = performance.now();
    const queue = new PQueue({ concurrency: this.options.concurrency });
    const stats: StatementStats = { statement, rows: 0, batches: 0, ms: 0, rowsPerSecond: 0, nodesCreated: 0, relationshipsCreated: 0, propertiesSet: 0, retries: 0 };
    let failure: { error: unknown } | null = null;

    const run = async (batch: Row[], weight: number): Promise<void> => {
      const batchParams = { ...params, ...paramsOf(batch) };
      const session = this.driver.session({ database: this.database, defaultAccessMode: neo4j.session.WRITE });
      try {
        let attempts = 0;
        const result = await session.executeWrite((tx) => {
          attempts++;
          return tx.run(text, batchParams);
        });
        stats.retries += attempts - 1;
        const updates = result.summary.counters.updates();
        stats.nodesCreated += updates.nodesCreated;
        stats.relationshipsCreated += updates.relationshipsCreated;
        stats.propertiesSet += updates.propertiesSet;
        stats.rows += weight;
        stats.batches++;
      } finally {
        await session.close();
      }
    };
    const enqueue = (batch: Row[]): void => {
      let weight = batch.length;
      if (weightOf) for (const row of batch) weight += weightOf(row) - 1;
      queue.add(() => run(batch, weight)).catch((error: unknown) => {
        failure ??= { error };
        queue.clear();
      });
    };

    for (const batch of batches(rows, this.options.batchSize, weightOf)) {
      if (failure) break;
      enqueue(batch);
      await queue.onSizeLessThan(1);
    }
    await queue.onIdle();
    if (failure) throw (failure as { error: unknown }).error;

    stats.ms = Math.round(performance.now() - started);
    stats.rowsPerSecond = stats.ms > 0 ? Math.round((stats.rows / stats.ms) * 1000) : stats.rows;
    this.log.info({ sink: 'neo4j', ...stats }, `neo4j ${statement}: ${stats.rows} rows at ${stats.rowsPerSecond} rows/s`);
    return stats;
  }
}
