import Papa from 'papaparse';
import { InputError } from '../errors.js';
import { Float64Builder, Int32Builder } from './growable.js';
import { Interner, ownString } from './interner.js';
import type { Normalised } from '../normalise/normalise-identifier.js';
import { fileDigest } from './file-digest.js';
import { redactCardNumbers } from './redact.js';
import { locateTables, type TableFile } from './locate-tables.js';
import type { RawRow } from './raw-row.js';
import { readTable } from './read-table.js';
import type { RejectsFile } from './rejects.js';
import { TransactionStatus, type Snapshot, type TableStats } from './snapshot.js';
import { accountRows, identifierRows, labelRows, RowProblem, transactionRows, type RowContract, type TableName } from './table-schemas.js';

export interface LoadOptions {
  normalise: (kind: string, raw: string) => Normalised;
  /**
   * Applied to every value of every table (and to every rejected row) before anything else sees
   * it: card numbers become their keyed tokens. Without a key they are redacted.
   */
  tokeniseCardNumbers?: (text: string) => string;
  rejects: RejectsFile;
  /** A table whose rejected share exceeds this fails the load, after every table was read. */
  maxRejectShare: number;
  /** told after every batch how far through each table's file the load is (0–1) */
  onProgress?: (table: TableName, fraction: number) => void;
}

const CORE_ACCOUNT_COLUMNS = new Set(['account_id', 'created_at']);

/**
 * Stage: snapshot folder → validated, normalised, interned Snapshot. Bad rows go to rejects;
 * a broken file or a missing table or column stops the run with an InputError.
 */
export async function loadSnapshot(dir: string, options: LoadOptions): Promise<Snapshot> {
  const files = await locateTables(dir);
  const digests = new Map(files.map((f) => [f.table, fileDigest(f.path)]));
  for (const digest of digests.values()) digest.catch(() => undefined);
  const byTable = (t: TableName) => files.find((f) => f.table === t);
  const stats: TableStats[] = [];

  // accounts first: every other table refers to them
  const accountIds = new Interner();
  const createdAt = new Float64Builder();
  const properties = new Map<string, string[]>();
  stats.push(
    await consume(byTable('accounts')!, accountRows, options, (row, record) => {
      if (accountIds.lookup(row.account_id) !== -1) return `duplicate account_id ${JSON.stringify(row.account_id)}`;
      const index = accountIds.intern(row.account_id);
      createdAt.push(row.created_at);
      for (const key in record) {
        if (CORE_ACCOUNT_COLUMNS.has(key)) continue;
        let column = properties.get(key);
        if (!column) properties.set(key, (column = []));
        column[index] = ownString(record[key]!);
      }
      return null;
    }),
  );
  for (const column of properties.values()) for (let i = 0; i < accountIds.size; i++) column[i] ??= '';
  const unknownAccount = (id: string) => `account_id ${JSON.stringify(id.slice(0, 64))} is not in accounts`;

  const label = new Int8Array(accountIds.size);
  const labelsFile = byTable('labels');
  if (labelsFile) {
    stats.push(
      await consume(labelsFile, labelRows, options, (row) => {
        const account = accountIds.lookup(row.account_id);
        if (account === -1) return unknownAccount(row.account_id);
        if (row.label === 'fraud') label[account] = 1;
        else if (label[account] === 0) label[account] = -1;
        return null;
      }),
    );
  }

  const kinds = new Interner();
  const valuesByKind: Map<string, number>[] = [];
  const identifierKind = new Int32Builder();
  const identifierValues: string[] = [];
  const linkAccount = new Int32Builder(1 << 16);
  const linkIdentifier = new Int32Builder(1 << 16);
  const firstSeen = new Float64Builder(1 << 16);
  const lastSeen = new Float64Builder(1 << 16);
  let placeholderRows = 0;
  stats.push(
    await consume(byTable('identifiers')!, identifierRows, options, (row) => {
      const account = accountIds.lookup(row.account_id);
      if (account === -1) return unknownAccount(row.account_id);
      const normalised = options.normalise(row.kind, row.value);
      if (normalised === null) {
        placeholderRows++;
        return null;
      }
      const kind = kinds.intern(row.kind);
      const values = (valuesByKind[kind] ??= new Map());
      let identifier = values.get(normalised.value);
      if (identifier === undefined) {
        identifier = identifierValues.length;
        const owned = ownString(normalised.value);
        values.set(owned, identifier);
        identifierValues.push(owned);
        identifierKind.push(kind);
      }
      linkAccount.push(account);
      linkIdentifier.push(identifier);
      firstSeen.push(row.first_seen);
      lastSeen.push(row.last_seen);
      return null;
    }),
  );
  valuesByKind.length = 0;

  const txAccount = new Int32Builder();
  const txCounterparty = new Int32Builder();
  const txAmount = new Float64Builder();
  const txStatus: number[] = [];
  const txCreatedAt = new Float64Builder();
  const transactionsFile = byTable('transactions');
  if (transactionsFile) {
    stats.push(
      await consume(transactionsFile, transactionRows, options, (row) => {
        const account = accountIds.lookup(row.account_id);
        if (account === -1) return unknownAccount(row.account_id);
        txAccount.push(account);
        txCounterparty.push(row.counterparty_id === '' ? -1 : accountIds.lookup(row.counterparty_id));
        txAmount.push(row.amount);
        txStatus.push(TransactionStatus[row.status as keyof typeof TransactionStatus] ?? TransactionStatus.other);
        txCreatedAt.push(row.created_at);
        return null;
      }),
    );
  }

  for (const s of stats) s.sha256 = await digests.get(s.table)!;

  const failing = stats.filter((s) => s.rowsRead > 0 && s.rowsRejected / s.rowsRead > options.maxRejectShare);
  if (failing.length > 0) {
    const detail = failing.map((s) => `${s.table} ${s.rowsRejected}/${s.rowsRead} (${((100 * s.rowsRejected) / s.rowsRead).toFixed(1)} %)`).join(', ');
    throw new InputError(`too many rejected rows: ${detail} exceed the allowed ${(100 * options.maxRejectShare).toFixed(1)} %`);
  }

  return {
    accounts: { ids: accountIds.values, createdAt: createdAt.finish(), properties, label },
    identifiers: { kinds: kinds.values, kindOf: identifierKind.finish(), values: identifierValues },
    links: { account: linkAccount.finish(), identifier: linkIdentifier.finish(), firstSeen: firstSeen.finish(), lastSeen: lastSeen.finish() },
    transactions: {
      account: txAccount.finish(),
      counterparty: txCounterparty.finish(),
      amount: txAmount.finish(),
      status: Uint8Array.from(txStatus),
      createdAt: txCreatedAt.finish(),
    },
    tables: stats,
    placeholderRows,
  };
}

/**
 * Reads one table: every row is validated by its schema, then handed to accept, which may still
 * refuse it with a reason (an unknown account, a duplicate). Refused rows go to rejects.
 */
async function consume<T>(
  file: TableFile,
  contract: RowContract<T>,
  options: LoadOptions,
  accept: (row: T, record: Record<string, string>) => string | null,
): Promise<TableStats> {
  const rows = await readTable(file);
  const scrub = options.tokeniseCardNumbers ?? redactCardNumbers;
  const stats: TableStats = { table: file.table, path: file.path, format: file.format, bytes: file.bytes, sha256: '', rowsRead: 0, rowsAccepted: 0, rowsRejected: 0 };
  const reject = (row: RawRow, reason: string) => {
    stats.rowsRejected++;
    options.rejects.add(file.table, row.line, reason, row.raw !== undefined ? scrub(row.raw) : serialise(row.record, file.format));
  };
  for await (const batch of rows.batches) {
    if (rows.progress) options.onProgress?.(file.table, rows.progress());
    for (const row of batch) {
      stats.rowsRead++;
      if (row.record === null) {
        reject(row, scrub(row.problem ?? 'unreadable row'));
        continue;
      }
      scrubRecord(row, scrub);
      const parsed = contract.schema.safeParse(row.record);
      if (!parsed.success) {
        const issue = parsed.error.issues[0]!;
        const field = issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
        reject(row, `${field}${issue.message}`);
        continue;
      }
      let typed: T;
      try {
        typed = contract.convert(row.record);
      } catch (err) {
        if (!(err instanceof RowProblem)) throw err;
        reject(row, err.reason);
        continue;
      }
      const refusal = accept(typed, row.record);
      if (refusal !== null) {
        reject(row, refusal);
        continue;
      }
      stats.rowsAccepted++;
    }
  }
  options.onProgress?.(file.table, 1);
  return stats;
}

/** Card numbers out of every value and every column name of the row, in place. */
function scrubRecord(row: RawRow, scrub: (text: string) => string): void {
  const record = row.record!;
  let renamed = false;
  for (const key in record) {
    record[key] = scrub(record[key]!);
    if (scrub(key) !== key) renamed = true;
  }
  if (!renamed) return;
  const clean: Record<string, string> = {};
  for (const key in record) clean[scrub(key)] = record[key]!;
  row.record = clean;
}

/** The row as text again: a CSV line for CSV files (fields keep their column order), JSON otherwise. */
function serialise(record: Record<string, string> | null, format: TableFile['format']): string {
  if (record === null) return '';
  return format === 'csv' ? Papa.unparse([Object.values(record)], { newline: '\n' }) : JSON.stringify(record);
}
