import { readSnapshot, type LoadOptions } from '../../snapshot/read-snapshot.js';
import { SnapshotBuilder } from '../../snapshot/snapshot-builder.js';
import { loadCounts } from '../../snapshot/snapshot-counts.js';
import { LinkParts } from './link-parts.js';
import type { PartsLoad } from './parts-load.js';
import { TransactionParts } from './transaction-parts.js';
import { makePartFolders, PART_ROWS, writeAccountParts, writeKinds } from './write-parts.js';

/**
 * Stage: snapshot folder → the Spark engine's Parquet parts, streamed. The snapshot is read and
 * validated as loadSnapshot reads it (readSnapshot: the same rejects, the same errors), but links
 * and transactions go to their parts as they are read, with identifier ids hashed on the way
 * (`idKey`: identifierIdKey of the card hashing key), instead of being interned and held. The
 * accounts are held until every table is read (every other table refers to them), then written
 * once the rest is let go: the peak is the accounts, not the snapshot. `partRows` is the rows per
 * links, values and transactions part (PART_ROWS).
 */
export async function loadToParts(dir: string, options: LoadOptions, idKey: Buffer, partsDir: string, partRows = PART_ROWS): Promise<PartsLoad> {
  const parts = await makePartFolders(partsDir, []);
  let links: LinkParts | null = new LinkParts(idKey, parts, partRows);
  let transactions: TransactionParts | null = new TransactionParts(parts.transactions, partRows);
  let builder: SnapshotBuilder | null = null;
  const sinks = { links, transactions };
  const read = await readSnapshot(dir, options, (expected) => (builder = new SnapshotBuilder(options.normalise, expected, sinks)));
  // the builder (its account lookup table, its kind tables) goes once it has handed on its last links
  const snapshot = builder!.finish(read.tables);
  builder = null;
  links.finish();
  transactions.finish();
  const linked = { links: links.links, transactions: transactions.written };
  // their part buffers go before the accounts are written
  links = null;
  transactions = null;
  const kinds = snapshot.identifiers.kinds;
  await writeKinds(parts, kinds);

  const { ids, createdAt, label } = snapshot.accounts;
  let hasCreatedAt = false;
  for (let a = 0; a < createdAt.length && !hasCreatedAt; a++) hasCreatedAt = !Number.isNaN(createdAt[a]!);
  let labels = false;
  for (let a = 0; a < label.length && !labels; a++) labels = label[a] !== 0;
  writeAccountParts(snapshot.accounts, parts.accounts);

  return {
    parts,
    kinds,
    accounts: { ids, label },
    tables: read.tables,
    placeholderRows: snapshot.placeholderRows,
    counts: loadCounts({
      accounts: ids.length,
      links: linked.links,
      placeholderRows: snapshot.placeholderRows,
      transactions: linked.transactions,
      cardLikeAccountIds: read.cardLikeAccountIds,
      accountIdsAreKeys: read.accountIdsAreKeys,
    }),
    available: { createdAt: hasCreatedAt, transactions: linked.transactions > 0, labels },
  };
}
