import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parquetWriteFile } from 'hyparquet-writer';
import type { Snapshot } from '../../snapshot/snapshot.js';
import type { IdentifierIds } from './identifier-ids.js';

/** Rows per Parquet part: a part is encoded in memory before it is written, so its size bounds what writing adds to the peak. */
export const PART_ROWS = 1 << 18;

export interface PartFolders {
  /** links/part-00000.parquet …: account, identifier, kind, first_seen, last_seen, row (the link's index in the snapshot) */
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
  const folders = await makePartFolders(dir, snapshot.identifiers.kinds);

  const { account, identifier, firstSeen, lastSeen } = snapshot.links;
  const { kindOf, values } = snapshot.identifiers;
  forEachPart(account.length, (part, start, end) => {
    const rows = end - start;
    const identifierId = new BigInt64Array(rows);
    const kind = new Int32Array(rows);
    for (let r = 0; r < rows; r++) {
      const i = identifier[start + r]!;
      identifierId[r] = ids.ids[i]!;
      kind[r] = kindOf[i]!;
    }
    writeLinkPart(join(folders.links, partName(part)), start, { account: account.subarray(start, end), identifier: identifierId, kind, firstSeen: firstSeen.subarray(start, end), lastSeen: lastSeen.subarray(start, end) });
  });

  writeAccountParts(snapshot.accounts, folders.accounts);

  forEachPart(values.length, (part, start, end) => {
    const text: string[] = new Array(end - start);
    for (let i = start; i < end; i++) text[i - start] = values.at(i);
    writeValuePart(join(folders.identifierValues, partName(part)), ids.ids.subarray(start, end), kindOf.subarray(start, end), text);
  });
  const { account: sender, counterparty, amount, status, createdAt: madeAt } = snapshot.transactions;
  forEachPart(sender.length, (part, start, end) => {
    writeTransactionPart(join(folders.transactions, partName(part)), start, {
      account: sender.subarray(start, end),
      counterparty: counterparty.subarray(start, end),
      amount: amount.subarray(start, end),
      status: status.subarray(start, end),
      createdAt: madeAt.subarray(start, end),
    });
  });
  return folders;
}

/** The part folders under dir, made, and kinds.json written (kind names by kind id). */
export async function makePartFolders(dir: string, kinds: readonly string[]): Promise<PartFolders> {
  const folders = { links: join(dir, 'links'), accounts: join(dir, 'accounts'), identifierValues: join(dir, 'identifier-values'), kinds: join(dir, 'kinds.json'), transactions: join(dir, 'transactions') };
  await Promise.all([folders.links, folders.accounts, folders.identifierValues, folders.transactions].map((f) => mkdir(f, { recursive: true })));
  await writeKinds(folders, kinds);
  return folders;
}

export async function writeKinds(folders: PartFolders, kinds: readonly string[]): Promise<void> {
  await writeFile(folders.kinds, `${JSON.stringify(kinds)}\n`);
}

/** One part's links, the first of them the snapshot's link `firstRow`. */
export interface LinkColumns {
  account: Int32Array;
  /** the identifier ids (identifier-ids.ts) */
  identifier: BigInt64Array;
  kind: Int32Array;
  firstSeen: Float64Array;
  lastSeen: Float64Array;
}

/**
 * A links part. `row` is each link's index in the snapshot's links (`Snapshot.links`, file order):
 * an identifier is numbered by the smallest row that names it, as the local interning numbers it.
 */
export function writeLinkPart(file: string, firstRow: number, links: LinkColumns): void {
  writePart(file, [
    { name: 'account', data: links.account, type: 'INT32', encoding: 'PLAIN' },
    { name: 'identifier', data: links.identifier, type: 'INT64', encoding: 'PLAIN' },
    { name: 'kind', data: links.kind, type: 'INT32' },
    { name: 'first_seen', data: links.firstSeen, type: 'DOUBLE', encoding: 'PLAIN' },
    { name: 'last_seen', data: links.lastSeen, type: 'DOUBLE', encoding: 'PLAIN' },
    { name: 'row', data: rowNumbers(firstRow, links.account.length), type: 'INT64', encoding: 'PLAIN' },
  ]);
}

/** An identifier values part: (identifier, kind, value), what outputs show. */
export function writeValuePart(file: string, identifier: BigInt64Array, kind: Int32Array, value: string[]): void {
  writePart(file, [
    { name: 'identifier', data: identifier, type: 'INT64', encoding: 'PLAIN' },
    { name: 'kind', data: kind, type: 'INT32' },
    { name: 'value', data: value, type: 'STRING' },
  ]);
}

/** One part's transactions, the first of them the snapshot's transaction `firstRow`. */
export interface TransactionColumns {
  account: Int32Array;
  counterparty: Int32Array;
  amount: Float64Array;
  status: Uint8Array;
  createdAt: Float64Array;
}

export function writeTransactionPart(file: string, firstRow: number, tx: TransactionColumns): void {
  const row = new Int32Array(tx.account.length);
  for (let r = 0; r < row.length; r++) row[r] = firstRow + r;
  writePart(file, [
    // the snapshot's row: a bucket's transactions load back in the snapshot's order
    { name: 'row', data: row, type: 'INT32', encoding: 'PLAIN' },
    { name: 'account', data: tx.account, type: 'INT32', encoding: 'PLAIN' },
    { name: 'counterparty', data: tx.counterparty, type: 'INT32', encoding: 'PLAIN' },
    { name: 'amount', data: tx.amount, type: 'DOUBLE', encoding: 'PLAIN' },
    { name: 'status', data: Int32Array.from(tx.status), type: 'INT32' },
    { name: 'created_at', data: tx.createdAt, type: 'DOUBLE', encoding: 'PLAIN' },
  ]);
}

/** The accounts parts: the key (the account's position), its id, created_at and its extra columns as one JSON object. */
export function writeAccountParts(accounts: Pick<Snapshot['accounts'], 'ids' | 'createdAt' | 'properties'>, folder: string): void {
  const { ids: accountIds, createdAt, properties } = accounts;
  const propertyNames = [...properties.keys()].sort();
  forEachPart(accountIds.length, (part, start, end) => {
    const key = new Int32Array(end - start);
    const props: string[] = new Array(end - start);
    for (let a = start; a < end; a++) {
      key[a - start] = a;
      // the extra account columns as one JSON object (names sorted): their set varies by snapshot
      props[a - start] = JSON.stringify(Object.fromEntries(propertyNames.map((name) => [name, properties.get(name)![a]])));
    }
    writePart(join(folder, partName(part)), [
      { name: 'account', data: key, type: 'INT32', encoding: 'PLAIN' },
      { name: 'id', data: accountIds.slice(start, end), type: 'STRING' },
      { name: 'created_at', data: createdAt.subarray(start, end), type: 'DOUBLE', encoding: 'PLAIN' },
      { name: 'properties', data: props, type: 'STRING' },
    ]);
  });
}

/** rows first … first + n − 1 as int64, without a BigInt per row (little-endian halves) */
function rowNumbers(first: number, n: number): BigInt64Array {
  const rows = new BigInt64Array(n);
  const halves = new Int32Array(rows.buffer);
  for (let r = 0; r < n; r++) {
    const row = first + r;
    halves[2 * r] = row % 0x100000000 | 0;
    halves[2 * r + 1] = Math.floor(row / 0x100000000);
  }
  return rows;
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

export function forEachPart(rows: number, write: (part: number, start: number, end: number) => void): void {
  // an empty table still gets one (empty) part, so Spark reads its schema
  for (let part = 0, start = 0; part === 0 || start < rows; part++, start += PART_ROWS) write(part, start, Math.min(rows, start + PART_ROWS));
}

export function partName(part: number): string {
  return `part-${String(part).padStart(5, '0')}.parquet`;
}
