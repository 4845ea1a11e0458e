import { open } from 'node:fs/promises';
import { basename } from 'node:path';
import Papa from 'papaparse';
import { InputError } from '../errors.js';
import type { NormaliseOptions, Normalised } from '../normalise/normalise-identifier.js';
import { NormaliseAhead } from './normalise-ahead.js';
import { scanCsv, type CsvRow } from './csv-scanner.js';
import { fileDigest } from './file-digest.js';
import { inputLimits } from './input-limits.js';
import { fieldMayHoldCardNumber, mayHoldCardNumber } from './card-number-fields.js';
import { redactCardNumbers } from '../normalise/redact.js';
import type { TableFile } from './locate-tables.js';
import type { RawRow } from './raw-row.js';
import { checkRequiredColumns, openTable, readTable } from './read-table.js';
import { locateSources } from './mapping/locate-sources.js';
import type { TableMapping } from './mapping/table-mapping.js';
import { containsCardNumber } from '../normalise/card-numbers-in-text.js';
import type { TableSource } from './table-source.js';
import type { RejectsFile } from './rejects.js';
import type { TableStats } from './snapshot.js';
import { INVALID, statusCode, type ExpectedRows, type SnapshotBuilder } from './snapshot-builder.js';
import {
  accountRows,
  identifierRows,
  labelRows,
  RowProblem,
  transactionRows,
  type RowContract,
  type TableName,
} from './table-schemas.js';
import { isEpochMillis, timestampFromBytes } from './timestamp.js';

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
  /**
   * The normaliser's options, to normalise identifier values on a worker thread ahead of the scan
   * (NormaliseAhead) when identifiers.csv has at least `minBytes`; without them the scan does it all.
   */
  normaliseAhead?: {
    options: NormaliseOptions;
    minBytes: number;
    /** true when `tokeniseCardNumbers` is keyed with `options.panHashKey`: the worker then tokenises values as the loader does */
    tokenisesCardNumbers?: boolean;
  };
  /** how the snapshot's files feed the contract's tables (`input.tables`); without it, the contract's own file names */
  tables?: readonly TableMapping[] | undefined;
  /**
   * `input.accountIdsAreKeys`: account ids are the team's own keys and are kept as they are, even
   * where they look like card numbers. An id column elsewhere keeps its value only when it is an
   * account's id; any other card number in it is still tokenised.
   */
  accountIdsAreKeys?: boolean;
}

const CORE_ACCOUNT_COLUMNS = new Set(['account_id', 'created_at']);

/**
 * How one table's rows enter the snapshot. `accept` takes a validated row and may still refuse
 * it with a reason (an unknown account, a duplicate). `fast`, given a CSV header, returns a
 * check-and-take on a row's bytes: it takes the rows that need no reason and no string (the
 * nightly bulk) and returns false for every other row, which then takes the general path. It
 * changes nothing before it knows it takes the row, so both paths give the same snapshot.
 */
interface TableIntake<T> {
  contract: RowContract<T>;
  accept(row: T, record: Record<string, string>): string | null;
  fast?: (columns: readonly string[]) => FastPath;
  /** stops what `fast` started (a worker thread), once the table is read or the read failed */
  close?: () => Promise<void>;
}

/**
 * A table's fast path on one header: `take` as described above. `scrubs` names the one field
 * whose card numbers `take` replaces itself, as the general path's scrub would; a card number
 * in any other field sends the row to the general path before `take` sees it.
 */
interface FastPath {
  take: (row: CsvRow) => boolean;
  scrubs?: number;
}

/** What reading the snapshot learned beside what its builder holds. */
export interface SnapshotRead {
  tables: TableStats[];
  /** accepted accounts whose id holds a card number */
  cardLikeAccountIds: number;
  /** `input.accountIdsAreKeys`: account ids were kept as they are */
  accountIdsAreKeys: boolean;
}

/**
 * Reads and validates the snapshot folder into a builder, which the caller makes for the expected
 * row counts: the builder holds what it reads (loadSnapshot) or passes links and transactions on to
 * its sinks (the Spark engine's parts). Bad rows go to rejects; a broken file, a missing table or
 * column, or too many rejected rows stop the run with an InputError.
 */
export async function readSnapshot(dir: string, options: LoadOptions, makeBuilder: (expected: ExpectedRows) => SnapshotBuilder): Promise<SnapshotRead> {
  const sources = await locateSources(dir, options.tables);
  const digests = new Map(sources.map((s) => [s.file.path, fileDigest(s.file.path)]));
  for (const digest of digests.values()) digest.catch(() => undefined);
  const ofTable = (t: TableName) => sources.filter((s) => s.file.table === t);
  const stats: TableStats[] = [];
  // typical row sizes in bytes (CSV; the other formats are larger, so this errs on the big side)
  const rowsIn = (t: TableName, rowBytes: number) => Math.ceil(ofTable(t).reduce((n, s) => n + s.file.bytes, 0) / rowBytes);
  const snapshot = makeBuilder({ accounts: rowsIn('accounts', 40), identifiers: rowsIn('identifiers', 90), transactions: rowsIn('transactions', 62) });
  const ids = accountIdTally(snapshot, options.accountIdsAreKeys === true);

  // accounts first: every other table refers to them
  for (const source of ofTable('accounts')) stats.push(await consume(source, accountIntake(snapshot), options, ids));
  snapshot.finishAccounts();

  for (const source of ofTable('labels')) stats.push(await consume(source, labelIntake(snapshot), options, ids));
  for (const source of ofTable('identifiers')) {
    const file = source.file;
    const ahead =
      options.normaliseAhead && !source.mapRows && file.bytes >= options.normaliseAhead.minBytes
        ? { path: file.path, bytes: file.bytes, options: options.normaliseAhead.options, tokenisesCardNumbers: options.tokeniseCardNumbers !== undefined && options.normaliseAhead.tokenisesCardNumbers === true }
        : null;
    stats.push(await consume(source, identifierIntake(snapshot, ahead, options.tokeniseCardNumbers ?? redactCardNumbers), options, ids));
  }
  for (const source of ofTable('transactions')) stats.push(await consume(source, transactionIntake(snapshot), options, ids));

  for (const s of stats) s.sha256 = await digests.get(s.path)!;

  const failing = stats.filter((s) => s.rowsRead > 0 && s.rowsRejected / s.rowsRead > options.maxRejectShare);
  if (failing.length > 0) {
    const detail = failing.map((s) => `${s.table} ${s.rowsRejected}/${s.rowsRead} (${((100 * s.rowsRejected) / s.rowsRead).toFixed(1)} %)`).join(', ');
    throw new InputError(`too many rejected rows: ${detail} exceed the allowed ${(100 * options.maxRejectShare).toFixed(1)} %`);
  }
  return { tables: stats, cardLikeAccountIds: ids.cardLike, accountIdsAreKeys: ids.keepsIds };
}

/** Id columns of each table: their values name accounts. */
const ACCOUNT_ID_COLUMNS: Record<TableName, readonly string[]> = {
  accounts: ['account_id'],
  identifiers: ['account_id'],
  labels: ['account_id'],
  transactions: ['account_id', 'counterparty_id'],
};

/**
 * What the load learns about account ids that hold card numbers, and which id values it keeps
 * as they are when they are the team's keys (`accountIdsAreKeys`): every accounts id, and in the
 * other tables an id column's value only when it names an account, so a card number written in
 * an id column of a transaction still becomes a token.
 */
interface AccountIdTally {
  keepsIds: boolean;
  /** accepted accounts whose id holds a card number */
  cardLike: number;
  keep(table: TableName): ((key: string, value: string) => boolean) | undefined;
}

function accountIdTally(snapshot: SnapshotBuilder, keepsIds: boolean): AccountIdTally {
  return {
    keepsIds,
    cardLike: 0,
    keep(table) {
      if (!keepsIds) return undefined;
      const columns = ACCOUNT_ID_COLUMNS[table];
      if (table === 'accounts') return (key) => columns.includes(key);
      return (key, value) => columns.includes(key) && snapshot.accountOf(value.trim()) !== -1;
    },
  };
}

const unknownAccount = (id: string) => `account_id ${JSON.stringify(id.slice(0, 64))} is not in accounts`;

function accountIntake(snapshot: SnapshotBuilder): TableIntake<ReturnType<(typeof accountRows)['convert']>> {
  return {
    contract: accountRows,
    accept(row, record) {
      if (snapshot.accountOf(row.account_id) !== -1) return `duplicate account_id ${JSON.stringify(row.account_id)}`;
      const index = snapshot.addAccount(row.account_id, row.created_at);
      for (const key in record) if (!CORE_ACCOUNT_COLUMNS.has(key)) snapshot.setProperty(key, index, record[key]!);
      return null;
    },
    fast(columns) {
      const id = columns.lastIndexOf('account_id');
      const created = columns.lastIndexOf('created_at');
      // the order in which a record built from this header lists its keys (a later duplicate wins)
      const probe: Record<string, string> = {};
      for (const c of columns) probe[c] = '';
      const names = Object.keys(probe).filter((k) => !CORE_ACCOUNT_COLUMNS.has(k));
      const fields = names.map((k) => columns.lastIndexOf(k));
      let keys: number[] | null = null;
      const take = (row: CsvRow): boolean => {
        const b = row.bytes;
        const s = row.starts[id]!;
        const e = row.ends[id]!;
        if (!isPlainId(b, s, e, row.ascii)) return false;
        let createdAt = Number.NaN;
        if (created !== -1) {
          const t = timestampFromBytes(b, row.starts[created]!, row.ends[created]!);
          if (t === undefined) return false;
          createdAt = t;
        }
        if (snapshot.accountOfBytes(b, s, e) !== -1) return false; // a duplicate: the general path words it
        const index = snapshot.addAccountBytes(b, s, e, row.text(id), createdAt);
        keys ??= names.map((k) => snapshot.propertyKey(k));
        for (let i = 0; i < keys.length; i++) snapshot.setPropertyBytes(keys[i]!, index, b, row.starts[fields[i]!]!, row.ends[fields[i]!]!);
        return true;
      };
      return { take };
    },
  };
}

function labelIntake(snapshot: SnapshotBuilder): TableIntake<ReturnType<(typeof labelRows)['convert']>> {
  return {
    contract: labelRows,
    accept(row) {
      const account = snapshot.accountOf(row.account_id);
      if (account === -1) return unknownAccount(row.account_id);
      if (row.label === 'fraud') snapshot.label[account] = 1;
      else if (snapshot.label[account] === 0) snapshot.label[account] = -1;
      return null;
    },
  };
}

interface AheadSettings {
  path: string;
  bytes: number;
  options: NormaliseOptions;
  tokenisesCardNumbers: boolean;
}

function identifierIntake(snapshot: SnapshotBuilder, ahead: AheadSettings | null, scrub: (text: string) => string): TableIntake<ReturnType<(typeof identifierRows)['convert']>> {
  let worker: NormaliseAhead | null = null;
  return {
    close: async () => worker?.close(),
    contract: identifierRows,
    accept(row) {
      const account = snapshot.accountOf(row.account_id);
      if (account === -1) return unknownAccount(row.account_id);
      snapshot.linkValue(account, snapshot.kindOf(row.kind), row.value, row.first_seen, row.last_seen);
      return null;
    },
    fast(columns) {
      const id = columns.lastIndexOf('account_id');
      const kind = columns.lastIndexOf('kind');
      const value = columns.lastIndexOf('value');
      const first = columns.lastIndexOf('first_seen');
      const last = columns.lastIndexOf('last_seen');
      if (ahead) worker = new NormaliseAhead(ahead.path, ahead.bytes, kind, value, ahead.options, ahead.tokenisesCardNumbers);
      const take = (row: CsvRow): boolean => {
        const b = row.bytes;
        const s = row.starts[id]!;
        const e = row.ends[id]!;
        if (!isPlainId(b, s, e, row.ascii)) return false;
        const account = snapshot.accountOfBytes(b, s, e);
        if (account === -1) return false;
        const k = snapshot.kindOfBytes(b, row.starts[kind]!, row.ends[kind]!);
        if (k === INVALID) return false;
        const firstSeen = first === -1 ? Number.NaN : timestampFromBytes(b, row.starts[first]!, row.ends[first]!);
        if (firstSeen === undefined) return false;
        const lastSeen = last === -1 ? Number.NaN : timestampFromBytes(b, row.starts[last]!, row.ends[last]!);
        if (lastSeen === undefined) return false;
        const normalised = worker?.take(row.offset);
        if (normalised !== undefined) snapshot.linkNormalised(account, k, normalised, firstSeen, lastSeen);
        else if (fieldMayHoldCardNumber(row, value)) snapshot.linkValue(account, k, scrub(row.text(value)), firstSeen, lastSeen);
        else snapshot.linkBytes(account, k, b, row.starts[value]!, row.ends[value]!, firstSeen, lastSeen);
        return true;
      };
      // a card number in the value (a payment instrument) is scrubbed here: those rows stay fast
      return { take, scrubs: value };
    },
  };
}

function transactionIntake(snapshot: SnapshotBuilder): TableIntake<ReturnType<(typeof transactionRows)['convert']>> {
  return {
    contract: transactionRows,
    accept(row) {
      const account = snapshot.accountOf(row.account_id);
      if (account === -1) return unknownAccount(row.account_id);
      const counterparty = row.counterparty_id === '' ? -1 : snapshot.accountOf(row.counterparty_id);
      snapshot.addTransaction(account, counterparty, row.amount, statusCode(row.status), row.created_at);
      return null;
    },
    fast(columns) {
      const tx = columns.lastIndexOf('transaction_id');
      const id = columns.lastIndexOf('account_id');
      const other = columns.lastIndexOf('counterparty_id');
      const amountField = columns.lastIndexOf('amount');
      const created = columns.lastIndexOf('created_at');
      const statusField = columns.lastIndexOf('status');
      const take = (row: CsvRow): boolean => {
        const b = row.bytes;
        const ts = row.starts[tx]!;
        if (ts === row.ends[tx]! || b[ts]! <= 0x20 || b[ts]! >= 0x80) return false;
        const s = row.starts[id]!;
        const e = row.ends[id]!;
        if (!isPlainId(b, s, e, row.ascii)) return false;
        const account = snapshot.accountOfBytes(b, s, e);
        if (account === -1) return false;
        let counterparty = -1;
        if (other !== -1 && row.starts[other]! < row.ends[other]!) {
          const os = row.starts[other]!;
          const oe = row.ends[other]!;
          if (!isPlainId(b, os, oe, row.ascii)) return false;
          counterparty = snapshot.accountOfBytes(b, os, oe);
        }
        const amount = decimalFromBytes(b, row.starts[amountField]!, row.ends[amountField]!);
        if (amount === undefined) return false;
        const createdAt = created === -1 ? Number.NaN : timestampFromBytes(b, row.starts[created]!, row.ends[created]!);
        if (createdAt === undefined) return false;
        const status = statusField === -1 ? statusCode('') : snapshot.statusOfBytes(b, row.starts[statusField]!, row.ends[statusField]!);
        if (status === INVALID) return false;
        snapshot.addTransaction(account, counterparty, amount, status, createdAt);
        return true;
      };
      return { take };
    },
  };
}

/** An id that is its own trimmed text: 1–256 ASCII bytes, no whitespace or controls at either end. */
function isPlainId(b: Uint8Array, start: number, end: number, asciiRow: boolean): boolean {
  if (end <= start || end - start > 256 || b[start]! <= 0x20 || b[end - 1]! <= 0x20) return false;
  if (asciiRow) return true;
  for (let i = start; i < end; i++) if (b[i]! >= 0x80) return false;
  return true;
}

/**
 * `Number(text)` for the plain decimals amounts are written in (`-12.5`, `44.27`, at most 15
 * digits): an exact integer divided by an exact power of ten rounds as the decimal does. Anything
 * else returns undefined, for the general path.
 */
function decimalFromBytes(b: Uint8Array, start: number, end: number): number | undefined {
  let i = start;
  const negative = b[i] === 0x2d;
  if (negative) i++;
  let digits = 0;
  let scale = -1;
  let value = 0;
  for (; i < end; i++) {
    const c = b[i]!;
    if (c === 0x2e && scale === -1) {
      scale = 0;
      continue;
    }
    const d = c - 48;
    if (d < 0 || d > 9) return undefined;
    value = value * 10 + d;
    digits++;
    if (scale !== -1) scale++;
  }
  if (digits === 0 || digits > 15 || scale === 0) return undefined;
  const result = scale > 0 ? value / 10 ** scale : value;
  return negative ? -result : result;
}

/**
 * Reads one table: every row is validated by its schema, then handed to accept, which may still
 * refuse it with a reason. Refused rows go to rejects. CSV is read from bytes, with the table's
 * fast path; other formats arrive as records.
 */
async function consume<T>(source: TableSource, intake: TableIntake<T>, options: LoadOptions, ids: AccountIdTally): Promise<TableStats> {
  const file = source.file;
  const keep = ids.keep(file.table);
  // a mapped file's rejects name it: the table alone would not say which of its files the line is in
  const origin = source.mapRows ? `${basename(file.path)}: ` : '';
  const stats: TableStats = { table: file.table, path: file.path, format: file.format, bytes: file.bytes, sha256: '', rowsRead: 0, rowsAccepted: 0, rowsRejected: 0 };
  const scrub = options.tokeniseCardNumbers ?? redactCardNumbers;
  const reject = (line: number, reason: string, raw: string) => {
    stats.rowsRejected++;
    options.rejects.add(file.table, line, origin + reason, raw);
  };
  const general = (row: RawRow) => {
    if (row.record === null) {
      reject(row.line, scrub(row.problem ?? 'unreadable row'), row.raw !== undefined ? scrub(row.raw) : row.original ? scrub(serialise(row.original, file.format)) : '');
      return;
    }
    const cardLike = file.table === 'accounts' && containsCardNumber(row.record.account_id ?? '');
    scrubRecord(row, scrub, intake.contract.timestamps, keep);
    const refusal = validate(row.record!, intake);
    if (refusal !== null) reject(row.line, refusal, row.raw !== undefined ? scrub(row.raw) : row.original ? scrub(serialise(row.original, file.format)) : serialise(row.record, file.format));
    else {
      stats.rowsAccepted++;
      if (cardLike) ids.cardLike++;
    }
  };

  // a gzip file under a plain name goes to the text reader, which refuses it with its reason
  if (file.format === 'csv' && !file.gzip && !source.mapRows && !(await startsLikeGzip(file.path))) {
    let columns: readonly string[] = [];
    let fast: FastPath | null = null;
    let timestampFields = new Uint8Array(0);
    try {
      await scanCsv(
        file.path,
        (header) => {
          checkRequiredColumns(file, header);
          columns = header;
          timestampFields = Uint8Array.from(header, (c) => (intake.contract.timestamps.includes(c) ? 1 : 0));
          // a column name holding a card number is renamed by the scrub: every row takes the general path
          fast = header.every((c) => scrub(c) === c) ? (intake.fast?.(header) ?? null) : null;
        },
        (row) => {
          stats.rowsRead++;
          if (row.count > inputLimits.maxColumns) {
            reject(row.line, `expected ${columns.length} fields, found ${row.count}`, '');
            return;
          }
          if (rowLength(row) > inputLimits.maxLineLength) {
            reject(row.line, `row longer than ${inputLimits.maxLineLength} characters`, '');
            return;
          }
          if (row.problem !== null) {
            reject(row.line, scrub(row.problem), scrub(row.raw()));
            return;
          }
          // the fast path never holds a value the card-number scrub would change, but in the field it scrubs itself
          if (fast !== null && !mayHoldCardNumber(row, fast.scrubs ?? -1, timestampFields) && fast.take(row)) {
            stats.rowsAccepted++;
            return;
          }
          const record: Record<string, string> = {};
          for (let c = 0; c < columns.length; c++) record[columns[c]!] = row.text(c);
          general({ line: row.line, record });
        },
        (fraction) => options.onProgress?.(file.table, fraction),
      );
    } finally {
      await intake.close?.();
    }
  } else {
    const rows = source.mapRows ? source.mapRows(await openTable(file)) : await readTable(file);
    for await (const batch of rows.batches) {
      if (rows.progress) options.onProgress?.(file.table, rows.progress());
      for (const row of batch) {
        stats.rowsRead++;
        general(row);
      }
    }
  }
  options.onProgress?.(file.table, 1);
  return stats;
}

async function startsLikeGzip(path: string): Promise<boolean> {
  const handle = await open(path, 'r').catch(() => null);
  if (handle === null) return false; // the scanner reports why it cannot be read
  try {
    const head = Buffer.alloc(2);
    const { bytesRead } = await handle.read(head, 0, 2, 0);
    return bytesRead === 2 && head[0] === 0x1f && head[1] === 0x8b;
  } finally {
    await handle.close();
  }
}

function isEpochMillisText(value: string): boolean {
  const bytes = new Uint8Array(value.length);
  for (let i = 0; i < value.length; i++) bytes[i] = Math.min(value.charCodeAt(i), 0xff);
  return isEpochMillis(bytes, 0, bytes.length);
}

/** The row's length in characters as the line-length limit counts it: its fields plus their separators. */
function rowLength(row: CsvRow): number {
  let n = row.count;
  for (let f = 0; f < row.count; f++) n += row.ends[f]! - row.starts[f]!;
  if (row.ascii || n <= inputLimits.maxLineLength) return n; // bytes ≥ characters
  n = row.count;
  for (let f = 0; f < row.count; f++) n += row.text(f).length;
  return n;
}

/**
 * Card numbers out of every value and every column name of the row, in place; `keep` spares a
 * value it names, and an epoch in milliseconds in one of the table's timestamp columns is a
 * time, and is left as it is.
 */
function scrubRecord(row: RawRow, scrub: (text: string) => string, timestamps: readonly string[], keep?: (key: string, value: string) => boolean): void {
  const record = row.record!;
  let renamed = false;
  for (const key in record) {
    const value = record[key]!;
    if (value.length <= 13 && timestamps.includes(key) && isEpochMillisText(value)) continue;
    if (keep?.(key, value) !== true) record[key] = scrub(value);
    if (scrub(key) !== key) renamed = true;
  }
  if (!renamed) return;
  const clean: Record<string, string> = {};
  for (const key in record) clean[scrub(key)] = record[key]!;
  row.record = clean;
}

/** Schema, conversion and acceptance of one record: null when taken, else the reason it was not. */
function validate<T>(record: Record<string, string>, intake: TableIntake<T>): string | null {
  const parsed = intake.contract.schema.safeParse(record);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
    return `${field}${issue.message}`;
  }
  let typed: T;
  try {
    typed = intake.contract.convert(record);
  } catch (err) {
    if (!(err instanceof RowProblem)) throw err;
    return err.reason;
  }
  return intake.accept(typed, record);
}

/** The row as text again: a CSV line for CSV files (fields keep their column order), JSON otherwise. */
function serialise(record: Record<string, string> | null, format: TableFile['format']): string {
  if (record === null) return '';
  return format === 'csv' ? Papa.unparse([Object.values(record)], { newline: '\n' }) : JSON.stringify(record);
}
