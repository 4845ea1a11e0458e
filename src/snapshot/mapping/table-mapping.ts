import { z } from 'zod';
import { compileDateFormat } from './date-format.js';
import { canonicalKind, STATUS_PATTERN, tableNames, type TableName } from '../table-schemas.js';

/** The columns of each table of the snapshot contract (README, "Snapshot contract"). */
export const contractColumns: Record<TableName, readonly string[]> = {
  accounts: ['account_id', 'created_at'],
  identifiers: ['account_id', 'kind', 'value', 'first_seen', 'last_seen'],
  transactions: ['transaction_id', 'account_id', 'counterparty_id', 'amount', 'currency', 'created_at', 'status'],
  labels: ['account_id', 'label', 'source', 'labeled_at'],
};

/** A column name as exports write them; the limit keeps a hostile mapping from quoting megabytes back. */
const ColumnName = z.string().min(1).max(128);

/**
 * How one input file (a name or a glob in the snapshot folder) feeds the snapshot contract: the
 * table its rows are, which of its columns is which contract column, values that are the same on
 * every row, and for an accounts file, identifier columns in wide form and a label column.
 */
export const TableMappingSchema = z
  .object({
    /** the file's name in the snapshot folder, or a glob on names (`*`, `?`): `USED*.parquet` */
    file: z.string().min(1).max(256).regex(/^[^/\\]+$/, 'a file name or a glob on names, without folders'),
    /** the contract table the file's rows are */
    table: z.enum(tableNames),
    /** contract column → the file's column: `{ "account_id": "from_user_id" }`; contract columns not named are read under their own name */
    columns: z.record(ColumnName, ColumnName).default({}),
    /** contract column → a value every row has: `{ "kind": "device" }`, `{ "status": "settled" }` */
    constants: z.record(ColumnName, z.string().max(256)).default({}),
    /** accounts only, wide form: the file's column → the identifier kind it holds; an empty cell is no identifier */
    identifierColumns: z.record(ColumnName, z.string().max(64)).optional(),
    /** accounts only: the column that labels accounts, and which of its values mean fraud and legit (case-insensitive); any other value is no label */
    labels: z
      .object({
        column: ColumnName,
        fraud: z.array(z.string().max(64)).min(1).max(50),
        legit: z.array(z.string().max(64)).max(50).default([]),
      })
      .optional(),
    /** the file's column → its date format where it is not ISO 8601: `dd/MM/yyyy HH:mm`, `epoch_seconds`, `epoch_millis` (times are UTC) */
    dateFormats: z.record(ColumnName, z.string().min(1).max(64)).default({}),
  })
  .superRefine((m, ctx) => {
    const problem = mappingProblem(m);
    if (problem) ctx.addIssue({ code: 'custom', path: problem.path, message: problem.message });
  });
export type TableMapping = z.infer<typeof TableMappingSchema>;

/** The most files one mapping names: far above any export, low enough to keep a bad config cheap. */
export const MAX_TABLE_MAPPINGS = 100;

export const TableMappingsSchema = z.array(TableMappingSchema).min(1).max(MAX_TABLE_MAPPINGS);

/** The first thing wrong between the fields of one mapping (what zod's field checks cannot see). */
function mappingProblem(m: Omit<TableMapping, never>): { path: (string | number)[]; message: string } | null {
  const own = contractColumns[m.table];
  for (const target of Object.keys(m.columns)) {
    // an accounts file may carry further account properties under names of its own
    if (m.table !== 'accounts' && !own.includes(target)) return { path: ['columns', target], message: `${m.table} has no column ${target} (its columns: ${own.join(', ')})` };
  }
  for (const [target, value] of Object.entries(m.constants)) {
    if (!own.includes(target)) return { path: ['constants', target], message: `${m.table} has no column ${target} (its columns: ${own.join(', ')})` };
    if (Object.hasOwn(m.columns, target)) return { path: ['constants', target], message: `${target} is given both as a column and as a constant` };
    if (target === 'kind' && canonicalKind(value) === null) return { path: ['constants', target], message: 'kind must be a lowercase token such as device or national_id' };
    if (target === 'status' && !STATUS_PATTERN.test(value.trim().toLowerCase())) return { path: ['constants', target], message: 'status must be a word such as settled or chargeback' };
  }
  if (m.table !== 'accounts' && m.identifierColumns) return { path: ['identifierColumns'], message: 'identifier columns (wide form) belong to a mapping of table accounts' };
  if (m.table !== 'accounts' && m.labels) return { path: ['labels'], message: 'a label column belongs to a mapping of table accounts' };
  const kinds = new Map<string, string>();
  for (const [column, raw] of Object.entries(m.identifierColumns ?? {})) {
    const kind = canonicalKind(raw);
    if (kind === null) return { path: ['identifierColumns', column], message: `${JSON.stringify(raw)} is not a kind: a lowercase token such as device or national_id` };
    const earlier = kinds.get(kind);
    if (earlier !== undefined) return { path: ['identifierColumns', column], message: `kind ${kind} is given twice (columns ${earlier} and ${column})` };
    kinds.set(kind, column);
  }
  for (const [column, format] of Object.entries(m.dateFormats)) {
    const reader = compileDateFormat(format);
    if (typeof reader === 'string') return { path: ['dateFormats', column], message: reader };
  }
  if (m.labels) {
    const fraud = new Set(m.labels.fraud.map((v) => v.trim().toLowerCase()));
    const both = m.labels.legit.find((v) => fraud.has(v.trim().toLowerCase()));
    if (both !== undefined) return { path: ['labels', 'legit'], message: `${JSON.stringify(both)} means both fraud and legit` };
  }
  return null;
}
