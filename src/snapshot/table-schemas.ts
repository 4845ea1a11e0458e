import { z } from 'zod';
import { timestampFromBytes } from './timestamp.js';

/** The snapshot contract: four tables, each one file (.csv, .ndjson or .arrow) in the snapshot folder. */
export const tableNames = ['accounts', 'identifiers', 'transactions', 'labels'] as const;
export type TableName = (typeof tableNames)[number];

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
  /** the timestamp columns: an epoch in milliseconds there is a time, not a card number (timestamp.ts) */
  timestamps: readonly string[];
}

export const accountRows: RowContract<AccountRow> = {
  schema: AccountRecordSchema,
  timestamps: ['created_at'],
  convert: (r) => ({ account_id: accountId(r.account_id!, 'account_id'), created_at: timestamp(r.created_at, 'created_at') }),
};

export const identifierRows: RowContract<IdentifierRow> = {
  schema: IdentifierRecordSchema,
  timestamps: ['first_seen', 'last_seen'],
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
  timestamps: ['created_at'],
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
  timestamps: ['labeled_at'],
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

/** An optional timestamp (a form of timestamp.ts, padding allowed), in epoch milliseconds; NaN when absent. */
function timestamp(raw: string | undefined, field: string): number {
  if (raw === undefined || raw === '') return Number.NaN;
  const s = raw.trim();
  if (s === '') return Number.NaN;
  const ms = s.length <= 64 ? timestampFromText(s) : undefined;
  if (ms === undefined) throw new RowProblem(`${field}: not an ISO 8601 timestamp: ${preview(s)}`);
  return ms;
}

/** The general path's text, through the same byte parser as the fast path: one definition of a timestamp. */
const scratch = Buffer.allocUnsafe(64 * 3);
function timestampFromText(s: string): number | undefined {
  const n = scratch.write(s, 0, 'utf8');
  return timestampFromBytes(scratch, 0, n);
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

/** Values are data: show at most a short, single-line preview of them in messages. */
export function preview(value: string, max = 40): string {
  const oneLine = value.replace(/[\r\n\t]+/g, ' ');
  return oneLine.length > max ? `${JSON.stringify(oneLine.slice(0, max))}…` : JSON.stringify(oneLine);
}

/** A kind as spelled in a file (any case, padded) in its canonical form, or null when it is no kind. */
export function canonicalKind(raw: string): string | null {
  const kind = raw.trim().toLowerCase();
  return KIND.test(kind) ? kind : null;
}
export const STATUS_PATTERN = STATUS;
