import { z } from 'zod';

/** The snapshot contract: four tables, each one file (.csv, .ndjson or .arrow) in the snapshot folder. */
export const tableNames = ['accounts', 'identifiers', 'transactions', 'labels'] as const;
export type TableName = (typeof tableNames)[number];

const ISO_8601 = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/** An optional ISO 8601 timestamp, parsed to epoch milliseconds (NaN when absent). */
const optionalTimestamp = z
  .string()
  .optional()
  .transform((raw, ctx) => {
    const s = raw?.trim() ?? '';
    if (s === '') return Number.NaN;
    const ms = parseUtcSeconds(s) ?? (ISO_8601.test(s) ? Date.parse(s) : Number.NaN);
    if (Number.isNaN(ms)) {
      ctx.addIssue({ code: 'custom', message: `not an ISO 8601 timestamp: ${preview(s)}` });
      return z.NEVER;
    }
    return ms;
  });

const accountId = z
  .string({ error: 'account_id is missing' })
  .transform((s) => s.trim())
  .pipe(z.string().min(1, 'account_id is empty').max(256, 'account_id is longer than 256 characters'));

const optionalText = z.string().optional().transform((s) => s?.trim() ?? '');

export const AccountRowSchema = z.object({
  account_id: accountId,
  created_at: optionalTimestamp,
});

export const IdentifierRowSchema = z.object({
  account_id: accountId,
  kind: z
    .string({ error: 'kind is missing' })
    .transform((s) => s.trim().toLowerCase())
    .pipe(z.string().regex(/^[a-z][a-z0-9_]{0,63}$/, 'kind must be a lowercase token such as device or national_id')),
  value: z.string({ error: 'value is missing' }),
  first_seen: optionalTimestamp,
  last_seen: optionalTimestamp,
});

export const TransactionRowSchema = z.object({
  transaction_id: z.string({ error: 'transaction_id is missing' }).transform((s) => s.trim()).pipe(z.string().min(1, 'transaction_id is empty')),
  account_id: accountId,
  counterparty_id: optionalText,
  amount: z
    .string({ error: 'amount is missing' })
    .transform((s, ctx) => {
      const n = Number(s.trim());
      if (s.trim() === '' || !Number.isFinite(n)) {
        ctx.addIssue({ code: 'custom', message: `amount is not a number: ${preview(s)}` });
        return z.NEVER;
      }
      return n;
    }),
  currency: optionalText,
  created_at: optionalTimestamp,
  status: z
    .string()
    .optional()
    .transform((s) => s?.trim().toLowerCase() ?? '')
    .pipe(z.string().regex(/^[a-z_]*$/, 'status must be a lowercase word such as settled or chargeback')),
});

export const LabelRowSchema = z.object({
  account_id: accountId,
  label: z
    .string({ error: 'label is missing' })
    .transform((s) => s.trim().toLowerCase())
    .pipe(z.enum(['fraud', 'legit'], { error: 'label must be fraud or legit' })),
  source: optionalText,
  labeled_at: optionalTimestamp,
});

export type AccountRow = z.infer<typeof AccountRowSchema>;
export type IdentifierRow = z.infer<typeof IdentifierRowSchema>;
export type TransactionRow = z.infer<typeof TransactionRowSchema>;
export type LabelRow = z.infer<typeof LabelRowSchema>;

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
  const n = (at: number, len: number): number => {
    let v = 0;
    for (let i = at; i < at + len; i++) {
      const d = s.charCodeAt(i) - 48;
      if (d < 0 || d > 9) return Number.NaN;
      v = v * 10 + d;
    }
    return v;
  };
  const year = n(0, 4);
  const month = n(5, 2);
  const day = n(8, 2);
  const hour = n(11, 2);
  const minute = n(14, 2);
  const second = n(17, 2);
  if (!(month >= 1 && month <= 12 && day >= 1 && day <= 31 && hour <= 23 && minute <= 59 && second <= 59)) return Number.NaN;
  const ms = Date.UTC(year, month - 1, day, hour, minute, second);
  // Date.UTC rolls 2024-02-31 over into March: such a date is not a real one
  return new Date(ms).getUTCDate() === day ? ms : Number.NaN;
}

/** Values are data: show at most a short, single-line preview of them in messages. */
export function preview(value: string, max = 40): string {
  const oneLine = value.replace(/[\r\n\t]+/g, ' ');
  return oneLine.length > max ? `${JSON.stringify(oneLine.slice(0, max))}…` : JSON.stringify(oneLine);
}
