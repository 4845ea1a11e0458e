import { readSnapshot, type LoadOptions } from './read-snapshot.js';
import type { Snapshot } from './snapshot.js';
import { SnapshotBuilder } from './snapshot-builder.js';

export type { LoadOptions } from './read-snapshot.js';

/**
 * Stage: snapshot folder → validated, normalised, interned Snapshot. Bad rows go to rejects;
 * a broken file or a missing table or column stops the run with an InputError.
 */
export async function loadSnapshot(dir: string, options: LoadOptions): Promise<Snapshot> {
  let builder: SnapshotBuilder | null = null;
  const read = await readSnapshot(dir, options, (expected) => (builder = new SnapshotBuilder(options.normalise, expected)));
  const loaded = builder!.finish(read.tables);
  loaded.cardLikeAccountIds = read.cardLikeAccountIds;
  loaded.accountIdsAreKeys = read.accountIdsAreKeys;
  return loaded;
}
