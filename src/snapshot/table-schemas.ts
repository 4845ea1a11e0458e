import { z } from 'zod';

/** The snapshot contract: four tables, each one file (.csv, .ndjson or .arrow) in the snapshot folder. */
export const tableNames = ['accounts', 'identifiers', 'transactions', 'labels'] as const;
export type TableName = (typeof tableNames)[number];

const ISO_8601 = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/;
const KIND = /^[a-z][a-z0-9_]{0,63}$/;
const STATUS = /^[a-z_]*$/;

/*
 * Each table has a zod schema for the shape of a row (which fields, all text: CSV, NDJSON and
 * Arrow rows all arrive as text) and a conversion to the typed row, which trims, lowercases and
 * parses, and names the first field that is wrong. The split keeps zod on its fast path: the
 * nightly job reads about six million rows.
 */
const text = (name: string) => z.string({ error: `${name} is missing` });
const optionalText = z.string().optional();

export const AccountRecordSchema = z.object({ account_id: text('account_id'), created_at: optionalText });
export const IdentifierRecordSchema = z.object({
  account_id: text('account_id'),
  kind: text('kind'),
  value: text('value'),
  first_seen: optionalText,
  last_seen: optionalText,
});
export const TransactionRecordSchema = z.object({
  transaction_id: text('transaction_id'),
  account_id: text('account_id'),
  counterparty_id: optionalText,
  amount: text('amount'),
  currency: optionalText,
  created_at: optionalText,
  status: optionalText,
});
export const LabelRecordSchema = z.object({ account_id: text('account_id'), label: text('label'), source: optionalText, labeled_at: optionalText });

export interface AccountRow { account_id: string; created_at: number }
export interface IdentifierRow { account_id: string; kind: string; value: string; first_seen: number; last_seen: number }
export interface TransactionRow {
  transaction_id: string;
  account_id: string;
  counterparty_id: string;
  amount: number;
  currency: string;
  created_at: number;
  status: string;
}
export interface LabelRow { account_id: string; label: 'fraud' | 'legit'; source: string; labeled_at: number }

/** Thrown inside a conversion to reject the row with a reason; never escapes the loader. */
export class RowProblem {
  constructor(readonly reason: string) {}
}

/** A table's row contract: the zod shape, then the conversion to the typed row. */
export interface RowContract<T> {
  schema: z.ZodType<Record<string, string | undefined>>;
  convert(record: Record<string, string | undefined>): T;
}

export const accountRows: RowContract<AccountRow> = {
  schema: AccountRecordSchema,
  convert: (r) => ({ account_id: accountId(r.account_id!, 'account_id'), created_at: timestamp(r.created_at, 'created_at') }),
};

export const identifierRows: RowContract<IdentifierRow> = {
  schema: IdentifierRecordSchema,
  convert: (r) => {
    const kind = canonicalKind(r.kind!);
    if (kind === null) throw new RowProblem('kind: kind must be a lowercase token such as device or national_id');
    return {
      account_id: accountId(r.account_id!, 'account_id'),
      kind,
      value: r.value!,
      first_seen: timestamp(r.first_seen, 'first_seen'),
      last_seen: timestamp(r.last_seen, 'last_seen'),
    };
  },
};

export const transactionRows: RowContract<TransactionRow> = {
  schema: TransactionRecordSchema,
  convert: (r) => {
    const transactionId = r.transaction_id!.trim();
    if (transactionId === '') throw new RowProblem('transaction_id: transaction_id is empty');
    const amountText = r.amount!.trim();
    const amount = Number(amountText);
    if (amountText === '' || !Number.isFinite(amount)) throw new RowProblem(`amount: amount is not a number: ${preview(r.amount!)}`);
    const status = r.status?.trim().toLowerCase() ?? '';
    if (!STATUS.test(status)) throw new RowProblem('status: status must be a lowercase word such as settled or chargeback');
    return {
      transaction_id: transactionId,
      account_id: accountId(r.account_id!, 'account_id'),
      counterparty_id: r.counterparty_id?.trim() ?? '',
      amount,
      currency: r.currency?.trim() ?? '',
      created_at: timestamp(r.created_at, 'created_at'),
      status,
    };
  },
};

export const labelRows: RowContract<LabelRow> = {
  schema: LabelRecordSchema,
  convert: (r) => {
    const label = r.label!.trim().toLowerCase();
    if (label !== 'fraud' && label !== 'legit') throw new RowProblem('label: label must be fraud or legit');
    return { account_id: accountId(r.account_id!, 'account_id'), label, source: r.source?.trim() ?? '', labeled_at: timestamp(r.labeled_at, 'labeled_at') };
  },
};

function accountId(raw: string, field: string): string {
  const id = raw.trim();
  if (id === '') throw new RowProblem(`${field}: ${field} is empty`);
  if (id.length > 256) throw new RowProblem(`${field}: ${field} is longer than 256 characters`);
  return id;
}

/** An optional ISO 8601 timestamp, parsed to epoch milliseconds (NaN when absent). */
function timestamp(raw: string | undefined, field: string): number {
  if (raw === undefined || raw === '') return Number.NaN;
  const fast = parseUtcSeconds(raw);
  if (fast !== undefined && !Number.isNaN(fast)) return fast;
  const s = raw.trim();
  if (s === '') return Number.NaN;
  const ms = fast === undefined && ISO_8601.test(s) ? Date.parse(s) : Number.NaN;
  if (Number.isNaN(ms)) throw new RowProblem(`${field}: not an ISO 8601 timestamp: ${preview(s)}`);
  return ms;
}

export interface TableSpec {
  required: boolean;
  /** Columns that must be present in the header (values may still be empty where the schema allows). */
  requiredColumns: readonly string[];
}

export const tableSpecs: Record<TableName, TableSpec> = {
  accounts: { required: true, requiredColumns: ['account_id'] },
  identifiers: { required: true, requiredColumns: ['account_id', 'kind', 'value'] },
  transactions: { required: false, requiredColumns: ['transaction_id', 'account_id', 'amount'] },
  labels: { required: false, requiredColumns: ['account_id', 'label'] },
};

/**
 * Fast path for the common `YYYY-MM-DDTHH:MM:SSZ` form (millions of rows a night): digits read by
 * char code, no regex, no Date.parse. Anything else returns undefined and takes the general path.
 */
function parseUtcSeconds(s: string): number | undefined {
  if (s.length !== 20 || s.charCodeAt(19) !== 90 /* Z */ || s.charCodeAt(10) !== 84 /* T */) return undefined;
  if (s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45 || s.charCodeAt(13) !== 58 || s.charCodeAt(16) !== 58) return undefined;
  const year = digits(s, 0, 4);
  const month = digits(s, 5, 2);
  const day = digits(s, 8, 2);
  const hour = digits(s, 11, 2);
  const minute = digits(s, 14, 2);
  const second = digits(s, 17, 2);
  if (!(month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month) && hour <= 23 && minute <= 59 && second <= 59)) return Number.NaN;
  return Date.UTC(year, month - 1, day, hour, minute, second);
}

/** The number written by len ASCII digits at s[at]; NaN when one is not a digit. */
function digits(s: string, at: number, len: number): number {
  let value = 0;
  for (let i = at; i < at + len; i++) {
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return Number.NaN;
    value = value * 10 + d;
  }
  return value;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Values are data: show at most a short, single-line preview of them in messages. */
export function preview(value: string, max = 40): string {
  const oneLine = value.replace(/[\r\n\t]+/g, ' ');
  return oneLine.length > max ? `${JSON.stringify(oneLine.slice(0, max))}…` : JSON.stringify(oneLine);
}

/**
 * The fast path of `timestamp` on a field's bytes: NaN for an empty field, epoch ms for a valid
 * `YYYY-MM-DDTHH:MM:SSZ`, undefined for anything else (the caller then takes the general path,
 * which parses or rejects it with a reason).
 */
export function utcSecondsFromBytes(b: Uint8Array, start: number, end: number): number | undefined {
  if (end === start) return Number.NaN;
  if (end - start !== 20 || b[start + 19] !== 90 || b[start + 10] !== 84) return undefined;
  if (b[start + 4] !== 45 || b[start + 7] !== 45 || b[start + 13] !== 58 || b[start + 16] !== 58) return undefined;
  const year = byteDigits(b, start, 4);
  const month = twoDigits(b, start + 5);
  const day = twoDigits(b, start + 8);
  const hour = twoDigits(b, start + 11);
  const minute = twoDigits(b, start + 14);
  const second = twoDigits(b, start + 17);
  // NaN (a byte that is not a digit) fails every comparison
  if (!(month >= 1 && month <= 12 && day >= 1 && hour <= 23 && minute <= 59 && second <= 59 && year >= 0)) return undefined;
  if (day > 28 && day > daysInMonth(year, month)) return undefined;
  if (year < 1970) return Date.UTC(year, month - 1, day, hour, minute, second);
  return (daysFromCivil(year, month, day) * 86400 + hour * 3600 + minute * 60 + second) * 1000;
}

/** The number written by two ASCII digits at b[at], or NaN. */
function twoDigits(b: Uint8Array, at: number): number {
  const hi = b[at]! - 48;
  const lo = b[at + 1]! - 48;
  return (hi >>> 0) <= 9 && (lo >>> 0) <= 9 ? hi * 10 + lo : Number.NaN;
}

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm), for year >= 1970. */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = (y / 400) | 0; // y >= 1969: truncation is floor
  const yoe = y - era * 400;
  const doy = (((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) | 0) + day - 1;
  const doe = yoe * 365 + ((yoe / 4) | 0) - ((yoe / 100) | 0) + doy;
  return era * 146097 + doe - 719468;
}

function byteDigits(b: Uint8Array, at: number, len: number): number {
  let value = 0;
  for (let i = at; i < at + len; i++) {
    const d = b[i]! - 48;
    if (d < 0 || d > 9) return Number.NaN;
    value = value * 10 + d;
  }
  return value;
}


/** A kind as spelled in a file (any case, padded) in its canonical form, or null when it is no kind. */
export function canonicalKind(raw: string): string | null {
  const kind = raw.trim().toLowerCase();
  return KIND.test(kind) ? kind : null;
}
export const STATUS_PATTERN = STATUS;
