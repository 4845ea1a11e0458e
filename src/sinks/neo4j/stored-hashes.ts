import neo4j, { type Driver } from 'neo4j-driver';
import PQueue from 'p-queue';
import { batches } from './batches.js';

/**
 * The rowHash of each node (by its key) the database holds, read in batches of `batchSize` keys
 * with `concurrency` read transactions in flight. Keys without a node, or a node without a hash,
 * are absent from the map.
 */
export async function readStoredHashes(driver: Driver, database: string, text: string, keys: Iterable<string>, options: { batchSize: number; concurrency: number }): Promise<Map<string, string>> {
  const stored = new Map<string, string>();
  const queue = new PQueue({ concurrency: options.concurrency });
  let failure: { error: unknown } | null = null;
  const read = async (ids: string[]): Promise<void> => {
    const session = driver.session({ database, defaultAccessMode: neo4j.session.READ });
    try {
      const result = await session.executeRead((tx) => tx.run(text, { ids }));
      for (const record of result.records) stored.set(record.get('id') as string, record.get('hash') as string);
    } finally {
      await session.close();
    }
  };
  for (const ids of batches(keys, options.batchSize)) {
    if (failure) break;
    queue.add(() => read(ids)).catch((error: unknown) => {
      failure ??= { error };
      queue.clear();
    });
    await queue.onSizeLessThan(1);
  }
  await queue.onIdle();
  if (failure) throw (failure as { error: unknown }).error;
  return stored;
}
