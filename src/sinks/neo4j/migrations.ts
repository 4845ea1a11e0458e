import neo4j, { type Driver } from 'neo4j-driver';
import type { Logger } from '../../log.js';
import type { QueryFiles } from './query-files.js';

export const MIGRATIONS = 'migrations';
export const AWAIT_INDEXES = 'sink/await-indexes';

/**
 * Brings the schema up to date: every file under queries/migrations/, in name order, each an
 * idempotent `CREATE … IF NOT EXISTS`, so running them on every open is cheap and safe. Runs
 * before any MERGE (a MERGE without its uniqueness constraint scans and races), then waits for
 * the indexes to come online.
 */
export async function migrate(driver: Driver, database: string, queries: QueryFiles, log: Logger, indexWaitSeconds = 300): Promise<void> {
  const session = driver.session({ database, defaultAccessMode: neo4j.session.WRITE });
  try {
    let constraints = 0;
    let indexes = 0;
    const names = queries.names(MIGRATIONS);
    for (const name of names) {
      const result = await session.executeWrite((tx) => tx.run(queries.get(name)));
      const updates = result.summary.counters.updates();
      constraints += updates.constraintsAdded;
      indexes += updates.indexesAdded;
    }
    await session.executeRead((tx) => tx.run(queries.get(AWAIT_INDEXES), { seconds: neo4j.int(indexWaitSeconds) }));
    log.info({ migrations: names.length, constraintsAdded: constraints, indexesAdded: indexes }, 'neo4j schema up to date');
  } finally {
    await session.close();
  }
}
