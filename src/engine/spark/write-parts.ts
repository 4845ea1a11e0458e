import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parquetWriteFile } from 'hyparquet-writer';
import type { Snapshot } from '../../snapshot/snapshot.js';
import type { IdentifierIds } from './identifier-ids.js';

/** Rows per Parquet part: a part is encoded in memory before it is written, so its size bounds what writing adds to the peak. */
export const PART_ROWS = 1 << 18;

export interface PartFolders {
  /** links/part-00000.parquet …: account, identifier, kind, first_seen, last_seen */
  links: string;
  /** accounts/part-00000.parquet …: account (the key), id */
  accounts: string;
  /** identifier-values/part-00000.parquet …: identifier, kind, value (what outputs show) */
  identifierValues: string;
  /** kinds.json: kind names by kind id, as the kind columns count them */
  kinds: string;
  /** transactions/part-00000.parquet …: account (the sender's key), counterparty (its key, -1 outside the snapshot) */
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
    for (let r = 0; r < rows; r++) {
      const i = identifier[start + r]!;
      identifierId[r] = ids.ids[i]!;
      kind[r] = kindOf[i]!;
    }
    writePart(join(folders.links, partName(part)), [
      { name: 'account', data: account.subarray(start, end), type: 'INT32', encoding: 'PLAIN' },
      { name: 'identifier', data: identifierId, type: 'INT64', encoding: 'PLAIN' },
      { name: 'kind', data: kind, type: 'INT32' },
      { name: 'first_seen', data: firstSeen.subarray(start, end), type: 'DOUBLE', encoding: 'PLAIN' },
      { name: 'last_seen', data: lastSeen.subarray(start, end), type: 'DOUBLE', encoding: 'PLAIN' },
    ]);
  });

  const accountIds = snapshot.accounts.ids;
  forEachPart(accountIds.length, (part, start, end) => {
    const key = new Int32Array(end - start);
    for (let a = start; a < end; a++) key[a - start] = a;
    writePart(join(folders.accounts, partName(part)), [
      { name: 'account', data: key, type: 'INT32', encoding: 'PLAIN' },
      { name: 'id', data: accountIds.slice(start, end), type: 'STRING' },
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
  const { account: sender, counterparty } = snapshot.transactions;
  forEachPart(sender.length, (part, start, end) => {
    writePart(join(folders.transactions, partName(part)), [
      { name: 'account', data: sender.subarray(start, end), type: 'INT32', encoding: 'PLAIN' },
      { name: 'counterparty', data: counterparty.subarray(start, end), type: 'INT32', encoding: 'PLAIN' },
    ]);
  });
  return folders;
}

/**
 * What the walk to known fraud needs per account, written when the job is started (approved
 * candidates become known fraud after the snapshot's parts are written): its fold, and whether
 * it is known fraud (a seed of the other folds' walks).
 */
export async function writeWalkAccounts(label: Int8Array, fold: Uint8Array, dir: string): Promise<string> {
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
