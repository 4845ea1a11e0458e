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

/** How one statement's rows are cut into batches and ordered within a batch. */
export interface Batching<Row> {
  /** rows of one group always go in the same batch (a batch may grow past batchSize to finish a group) */
  groupOf?: (row: Row) => unknown;
  /** sorts each batch before it is sent */
  order?: (a: Row, b: Row) => number;
}

export interface StatementStats {
  statement: string;
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
    const { groupOf, order } = batching;
    const started = performance.now();
    const queue = new PQueue({ concurrency: this.options.concurrency });
    const stats: StatementStats = { statement, rows: 0, batches: 0, ms: 0, rowsPerSecond: 0, nodesCreated: 0, relationshipsCreated: 0, propertiesSet: 0, retries: 0 };
    let failure: { error: unknown } | null = null;

    const run = async (batch: Row[]): Promise<void> => {
      const session = this.driver.session({ database: this.database, defaultAccessMode: neo4j.session.WRITE });
      try {
        let attempts = 0;
        const result = await session.executeWrite((tx) => {
          attempts++;
          return tx.run(text, { ...params, rows: batch });
        });
        stats.retries += attempts - 1;
        const updates = result.summary.counters.updates();
        stats.nodesCreated += updates.nodesCreated;
        stats.relationshipsCreated += updates.relationshipsCreated;
        stats.propertiesSet += updates.propertiesSet;
        stats.rows += batch.length;
        stats.batches++;
      } finally {
        await session.close();
      }
    };
    const enqueue = (batch: Row[]): void => {
      if (order) batch.sort(order);
      queue.add(() => run(batch)).catch((error: unknown) => {
        failure ??= { error };
        queue.clear();
      });
    };

    for (const batch of batches(rows, this.options.batchSize, groupOf)) {
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
