import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parquetWriteFile } from 'hyparquet-writer';
import type { Snapshot } from '../../snapshot/snapshot.js';
import type { IdentifierIds } from './identifier-ids.js';

/** Rows per Parquet part: a part is encoded in memory before it is written, so its size bounds what writing adds to the peak. */
export const PART_ROWS = 1 << 18;

export interface PartFolders {
  /** links/part-00000.parquet …: row (the link's place in the snapshot's links), account, identifier, kind, first_seen, last_seen */
  links: string;
  /** accounts/part-00000.parquet …: account (the key), id */
  accounts: string;
  /** identifier-values/part-00000.parquet …: identifier, kind, value (what outputs show) */
  identifierValues: string;
  /** kinds.json: kind names by kind id, as the kind columns count them */
  kinds: string;
  /** transactions/part-00000.parquet …: row, account (the sender's key), counterparty (its key, -1 outside the snapshot), amount, status, created_at */
  transactions: string;
}

/**
 * The normalised snapshot as Parquet parts for the Spark engine. An account's key is its position
 * in the snapshot, which is also the order the local engine numbers components in: a 32-bit
 * column, as the `Snapshot` that writes it holds accounts in Int32Arrays (the job widens it to 64
 * bits, so parts written elsewhere may hold more). Times stay epoch ms as doubles, NaN when unknown,
 * as the `Snapshot` holds them, so a bucket loads back into one without conversion.
 */
export async function writeParts(snapshot: Snapshot, ids: IdentifierIds, dir: string): Promise<PartFolders> {
  const folders = { links: join(dir, 'links'), accounts: join(dir, 'accounts'), identifierValues: join(dir, 'identifier-values'), kinds: join(dir, 'kinds.json'), transactions: join(dir, 'transactions') };
  await Promise.all([folders.links, folders.accounts, folders.identifierValues, folders.transactions].map((f) => mkdir(f, { recursive: true })));
  await writeFile(folders.kinds, `${JSON.stringify(snapshot.identifiers.kinds)}\n`);

  const { account, identifier, firstSeen, lastSeen } = snapshot.links;
  const { kindOf, values } = snapshot.identifiers;
  forEachPart(account.length, (part, start, end) => {
    const rows = end - start;
    const identifierId = new BigInt64Array(rows);
    const kind = new Int32Array(rows);
    const row = new BigInt64Array(rows);
    for (let r = 0; r < rows; r++) {
      row[r] = BigInt(start + r);
      const i = identifier[start + r]!;
      identifierId[r] = ids.ids[i]!;
      kind[r] = kindOf[i]!;
    }
    writePart(join(folders.links, partName(part)), [
      // the identifiers of a bucket are numbered by the first row naming them, as the snapshot interns them
      { name: 'row', data: row, type: 'INT64', encoding: 'PLAIN' },
      { name: 'account', data: account.subarray(start, end), type: 'INT32', encoding: 'PLAIN' },
      { name: 'identifier', data: identifierId, type: 'INT64', encoding: 'PLAIN' },
      { name: 'kind', data: kind, type: 'INT32' },
      { name: 'first_seen', data: firstSeen.subarray(start, end), type: 'DOUBLE', encoding: 'PLAIN' },
      { name: 'last_seen', data: lastSeen.subarray(start, end), type: 'DOUBLE', encoding: 'PLAIN' },
    ]);
  });

  const { ids: accountIds, createdAt, properties } = snapshot.accounts;
  const propertyNames = [...properties.keys()].sort();
  forEachPart(accountIds.length, (part, start, end) => {
    const key = new Int32Array(end - start);
    const props: string[] = new Array(end - start);
    for (let a = start; a < end; a++) {
      key[a - start] = a;
      // the extra account columns as one JSON object (names sorted): their set varies by snapshot
      props[a - start] = JSON.stringify(Object.fromEntries(propertyNames.map((name) => [name, properties.get(name)![a]])));
    }
    writePart(join(folders.accounts, partName(part)), [
      { name: 'account', data: key, type: 'INT32', encoding: 'PLAIN' },
      { name: 'id', data: accountIds.slice(start, end), type: 'STRING' },
      { name: 'created_at', data: createdAt.subarray(start, end), type: 'DOUBLE', encoding: 'PLAIN' },
      { name: 'properties', data: props, type: 'STRING' },
    ]);
  });

  forEachPart(values.length, (part, start, end) => {
    const text: string[] = new Array(end - start);
    for (let i = start; i < end; i++) text[i - start] = values.at(i);
    writePart(join(folders.identifierValues, partName(part)), [
      { name: 'identifier', data: ids.ids.subarray(start, end), type: 'INT64', encoding: 'PLAIN' },
      { name: 'kind', data: kindOf.subarray(start, end), type: 'INT32' },
      { name: 'value', data: text, type: 'STRING' },
    ]);
  });
  const { account: sender, counterparty, amount, status, createdAt: madeAt } = snapshot.transactions;
  forEachPart(sender.length, (part, start, end) => {
    const row = new Int32Array(end - start);
    for (let r = start; r < end; r++) row[r - start] = r;
    writePart(join(folders.transactions, partName(part)), [
      // the snapshot's row: a bucket's transactions load back in the snapshot's order
      { name: 'row', data: row, type: 'INT32', encoding: 'PLAIN' },
      { name: 'account', data: sender.subarray(start, end), type: 'INT32', encoding: 'PLAIN' },
      { name: 'counterparty', data: counterparty.subarray(start, end), type: 'INT32', encoding: 'PLAIN' },
      { name: 'amount', data: amount.subarray(start, end), type: 'DOUBLE', encoding: 'PLAIN' },
      { name: 'status', data: Int32Array.from(status.subarray(start, end)), type: 'INT32' },
      { name: 'created_at', data: madeAt.subarray(start, end), type: 'DOUBLE', encoding: 'PLAIN' },
    ]);
  });
  return folders;
}

/**
 * What the walk to known fraud and the buckets need per account, written when the job is started
 * (approved candidates become known fraud after the snapshot's parts are written): its fold,
 * whether it is known fraud (a seed of the other folds' walks), its label and whether that label
 * is a reviewer's approval.
 */
export async function writeWalkAccounts(label: Int8Array, approved: Uint8Array | undefined, fold: Uint8Array, dir: string): Promise<string> {
  await mkdir(dir, { recursive: true });
  forEachPart(label.length, (part, start, end) => {
    const key = new Int32Array(end - start);
    const foldOf = new Int32Array(end - start);
    const seed: boolean[] = new Array(end - start);
    for (let a = start; a < end; a++) {
      key[a - start] = a;
      foldOf[a - start] = fold[a]!;
      seed[a - start] = label[a] === 1;
    }
    writePart(join(dir, partName(part)), [
      { name: 'account', data: key, type: 'INT32', encoding: 'PLAIN' },
      { name: 'fold', data: foldOf, type: 'INT32' },
      { name: 'seed', data: seed, type: 'BOOLEAN' },
      { name: 'label', data: Int32Array.from(label.subarray(start, end)), type: 'INT32' },
      { name: 'approved', data: approved ? Int32Array.from(approved.subarray(start, end)) : new Int32Array(end - start), type: 'INT32' },
    ]);
  });
  return dir;
}

type Column = Parameters<typeof parquetWriteFile>[0]['columnData'][number];

function writePart(filename: string, columnData: Column[]): void {
  // required columns (no nulls: NaN is a double), one row group per part
  parquetWriteFile({ filename, columnData: columnData.map((c) => ({ ...c, nullable: false })), rowGroupSize: PART_ROWS, statistics: false });
}

function forEachPart(rows: number, write: (part: number, start: number, end: number) => void): void {
  // an empty table still gets one (empty) part, so Spark reads its schema
  for (let part = 0, start = 0; part === 0 || start < rows; part++, start += PART_ROWS) write(part, start, Math.min(rows, start + PART_ROWS));
}

function partName(part: number): string {
  return `part-${String(part).padStart(5, '0')}.parquet`;
}
