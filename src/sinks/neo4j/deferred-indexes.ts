import neo4j, { type Driver } from 'neo4j-driver';
import type { Logger } from '../../log.js';
import { migrate } from './migrations.js';
import type { QueryFiles } from './query-files.js';

export const LOOKUP_INDEXES = 'sink/lookup-indexes';
export const DROP_INDEX = 'sink/drop-index';

/**
 * A first write into an empty database builds the analysts' lookup indexes (Identifier.value,
 * Identifier.hub, Account.label) after the graph is in rather than row by row: most of the
 * server's time in a first write was B-tree inserts. The uniqueness constraints stay, so every
 * MERGE and every lookup the sink does keeps its index. A run that dies in between leaves the
 * lookups unindexed until the next run opens: its migrations create them again.
 */
export async function dropLookupIndexes(driver: Driver, database: string, queries: QueryFiles): Promise<string[]> {
  const session = driver.session({ database, defaultAccessMode: neo4j.session.WRITE });
  try {
    const result = await session.executeRead((tx) => tx.run(queries.get(LOOKUP_INDEXES)));
    const names = result.records.map((r) => r.get('name') as string);
    for (const name of names) await session.executeWrite((tx) => tx.run(queries.get(DROP_INDEX), { name }));
    return names;
  } finally {
    await session.close();
  }
}

/** Creates the dropped indexes again (the migrations) and waits until they are online. */
export async function rebuildLookupIndexes(driver: Driver, database: string, queries: QueryFiles, log: Logger): Promise<void> {
  // populating an index over millions of nodes on a busy server takes minutes, not seconds
  await migrate(driver, database, queries, log, 3600);
}
