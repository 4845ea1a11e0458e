import { compileDateFormat } from '../snapshot/mapping/date-format.js';
import type { TableMapping } from '../snapshot/mapping/table-mapping.js';
import { containsCardNumber } from '../normalise/card-numbers-in-text.js';
import { isPanShaped } from '../normalise/card-number.js';
import { tableNames, tableSpecs, type TableName } from '../snapshot/table-schemas.js';

/** What one file looks like, from its name, its columns and its first rows. */
export type TableGuess =
  | { shape: 'contract'; table: TableName }
  | { shape: 'mapped'; mapping: TableMapping; role: 'accounts' | 'relationship' | 'transactions'; score: number }
  | { shape: 'unknown' };

/** A column name reduced to letters and digits, lowercase: `phone_number`, `PhoneNumber` → `phonenumber`. */
const plain = (column: string) => column.toLowerCase().replace(/[^a-z0-9]/g, '');

/** Kinds by the words their columns are named with (the first that matches wins). */
const KIND_WORDS: Array<[RegExp, string]> = [
  [/e?mail/, 'email'],
  [/phone|mobile|msisdn|^tel/, 'phone'],
  [/ssn|nationalid|socialsecurity|^nin$/, 'ssn'],
  [/passport/, 'passport'],
  [/taxid|^tin$/, 'tax_id'],
  [/card|^pan$|^cc$|ccnumber/, 'payment_instrument'],
  [/device|imei|fingerprint/, 'device'],
  [/^ip$|ipaddress|^ipv4|^ipv6/, 'ip'],
  [/address|street|postcode|zipcode/, 'address'],
];
const ID_WORDS = ['accountid', 'userid', 'customerid', 'clientid', 'memberid', 'id', 'uid'];
const LABEL_WORDS = ['isfraud', 'fraud', 'fraudflag', 'isfraudster', 'fraudulent', 'label', 'fraudlabel'];
const TRUTHY = new Set(['1', 'true', 't', 'yes', 'y', 'fraud', 'fraudulent']);
const ACCOUNT_FILE_WORDS = /user|customer|account|client|member|person|people/i;
const DATE_WORDS = /date|time|seen|created|signup|registered|joined|timestamp|^ts$|at$/;
const DATE_FORMATS = ['dd/MM/yyyy HH:mm:ss', 'dd/MM/yyyy HH:mm', 'dd/MM/yyyy', 'MM/dd/yyyy HH:mm:ss', 'MM/dd/yyyy HH:mm', 'MM/dd/yyyy', 'yyyy/MM/dd HH:mm:ss', 'yyyy/MM/dd', 'dd.MM.yyyy HH:mm', 'dd.MM.yyyy', 'dd-MM-yyyy'];
const ISO = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/** The kind a column holds, by its name, else by its values; null when neither says. */
export function kindOfColumn(column: string, values: readonly string[]): string | null {
  const name = plain(column);
  for (const [words, kind] of KIND_WORDS) if (words.test(name)) return kind;
  const filled = values.filter((v) => v.trim() !== '');
  if (filled.length === 0) return null;
  const most = (test: (v: string) => boolean) => filled.filter(test).length >= 0.8 * filled.length;
  if (most((v) => /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(v.trim()))) return 'email';
  if (most((v) => /^\d{3}-\d{2}-\d{4}$/.test(v.trim()))) return 'ssn';
  if (most((v) => isPanShaped(v.replace(/[ -]/g, '')))) return 'payment_instrument';
  if (most((v) => /^\d{1,3}(\.\d{1,3}){3}$/.test(v.trim()))) return 'ip';
  if (most((v) => /^\+?[\d ()-]{7,20}$/.test(v.trim()) && /\d{6}/.test(v.replace(/\D/g, '')))) return 'phone';
  return null;
}

/** The date format that reads every filled sample, `iso` when they are ISO 8601 already, null when none does. */
export function dateFormatOf(column: string, values: readonly string[]): string | null {
  const filled = values.map((v) => v.trim()).filter((v) => v !== '');
  if (filled.length === 0) return null;
  // ISO 8601 with a time says it is a time whatever the column's name; other forms need the name to say so
  if (filled.every((v) => ISO.test(v)) && (DATE_WORDS.test(plain(column)) || filled.every((v) => v.length > 10))) return 'iso';
  if (!DATE_WORDS.test(plain(column))) return null;
  const candidates = filled.every((v) => /^\d{13}$/.test(v)) ? ['epoch_millis'] : filled.every((v) => /^\d{9,10}$/.test(v)) ? ['epoch_seconds'] : DATE_FORMATS;
  for (const format of candidates) {
    const read = compileDateFormat(format);
    if (typeof read !== 'string' && filled.every((v) => read(v) !== null)) return format;
  }
  return null;
}

/**
 * Stage: a file's name, columns and first rows → the table it looks like. A file named for a
 * table with its required columns is the contract's own. A file with `from_*` and `to_*` columns
 * is a relationship (a value per account: the kind from the `to_` column's name) or, with an
 * amount, transactions. A file with an id column is an accounts file: its identifier columns are
 * the wide form, a fraud flag its labels.
 */
export function guessTable(name: string, columns: readonly string[], rows: ReadonlyArray<Record<string, string>>): TableGuess {
  const stem = name.replace(/\..*$/, '');
  const contract = tableNames.find((t) => t === stem);
  if (contract && tableSpecs[contract].requiredColumns.every((c) => columns.includes(c))) return { shape: 'contract', table: contract };
  const values = (column: string) => rows.map((r) => r[column] ?? '');
  const dates = new Map(columns.map((c) => [c, dateFormatOf(c, values(c))] as const).filter(([, f]) => f !== null));
  const dateFormats = (used: readonly string[]) => Object.fromEntries(used.filter((c) => dates.has(c) && dates.get(c) !== 'iso').map((c) => [c, dates.get(c)!]));
  const firstDate = (words: RegExp) => columns.find((c) => dates.has(c) && words.test(plain(c))) ?? columns.find((c) => dates.has(c));
  const from = columns.find((c) => /^from[_ ]?/i.test(c));
  const to = columns.find((c) => /^to[_ ]?/i.test(c));
  const id = ID_WORDS.map((w) => columns.find((c) => plain(c) === w)).find((c) => c !== undefined);

  if (from && to) {
    const amount = columns.find((c) => /amount|total|sum|value/.test(plain(c)) && values(c).every((v) => v.trim() === '' || Number.isFinite(Number(v))));
    const when = firstDate(/date|time|created|at$/);
    if (amount) {
      const status = columns.find((c) => plain(c) === 'status');
      const mapping = mappingOf(name, 'transactions', {
        columns: { ...(id ? { transaction_id: id } : {}), account_id: from, counterparty_id: to, amount, ...(when ? { created_at: when } : {}), ...(status ? { status } : {}) },
        // a file without ids of its own names its payments by the file: the contract wants one, nothing reads it as a key
        constants: { ...(status ? {} : { status: 'settled' }), ...(id ? {} : { transaction_id: stem }) },
        dateFormats: dateFormats(when ? [when] : []),
      });
      return { shape: 'mapped', mapping, role: 'transactions', score: 0 };
    }
    const toStem = to.replace(/^to[_ ]?/i, '').replace(/[_ ]?id$/i, '');
    const kind = kindOfColumn(toStem, values(to)) ?? (toStem.toLowerCase().replace(/[^a-z0-9_]/g, '_').replace(/^[^a-z]+/, '') || 'other');
    const first = firstDate(/first|date|time|seen|created|since/);
    const last = columns.find((c) => c !== first && dates.has(c) && /last|until|to$/.test(plain(c)));
    const mapping = mappingOf(name, 'identifiers', {
      columns: { account_id: from, value: to, ...(first ? { first_seen: first } : {}), ...(last ? { last_seen: last } : {}) },
      constants: { kind },
      dateFormats: dateFormats([first, last].filter((c): c is string => c !== undefined)),
    });
    return { shape: 'mapped', mapping, role: 'relationship', score: 0 };
  }

  if (id) {
    // a fraud flag by its usual names, else any column named for fraud that holds a few values (fraudMoneyTransfer)
    const label = columns.find((c) => LABEL_WORDS.includes(plain(c))) ?? columns.find((c) => plain(c).includes('fraud') && new Set(values(c).map((v) => v.trim().toLowerCase())).size <= 5);
    const created = columns.find((c) => dates.has(c) && /created|signup|registered|joined|opened/.test(plain(c)));
    const identifierColumns: Record<string, string> = {};
    const kinds = new Set<string>();
    for (const c of columns) {
      if (c === id || c === label || dates.has(c)) continue;
      const kind = kindOfColumn(c, values(c));
      // one column per kind: a second (email2) stays out rather than be refused as a kind given twice
      if (kind === null || kinds.has(kind)) continue;
      kinds.add(kind);
      identifierColumns[c] = kind;
    }
    const fraud = label ? fraudValues(values(label)) : [];
    const legit = label ? [...new Set(values(label).map((v) => v.trim()).filter((v) => v.toLowerCase() === 'legit'))] : [];
    const mapping = mappingOf(name, 'accounts', {
      columns: { account_id: id, ...(created ? { created_at: created } : {}) },
      ...(Object.keys(identifierColumns).length > 0 ? { identifierColumns } : {}),
      ...(label && fraud.length > 0 ? { labels: { column: label, fraud, legit } } : {}),
      dateFormats: dateFormats(created ? [created] : []),
    });
    const score = (ACCOUNT_FILE_WORDS.test(stem) ? 2 : 0) + (Object.keys(identifierColumns).length > 0 || fraud.length > 0 ? 1 : 0);
    return { shape: 'mapped', mapping, role: 'accounts', score };
  }
  return { shape: 'unknown' };
}

/** The flag's values that mean fraud: those seen, else by the flag's form (0/1, false/true) when the first rows hold no fraud. */
function fraudValues(cells: readonly string[]): string[] {
  const seen = [...new Set(cells.map((v) => v.trim()))].filter((v) => v !== '');
  const truthy = seen.filter((v) => TRUTHY.has(v.toLowerCase())).sort();
  if (truthy.length > 0) return truthy;
  if (seen.every((v) => v === '0')) return ['1'];
  if (seen.every((v) => v.toLowerCase() === 'false')) return ['true'];
  return [];
}

function mappingOf(file: string, table: TableName, parts: Partial<TableMapping>): TableMapping {
  const mapping: TableMapping = { file, table, columns: parts.columns ?? {}, constants: parts.constants ?? {}, dateFormats: parts.dateFormats ?? {} };
  if (parts.identifierColumns) mapping.identifierColumns = parts.identifierColumns;
  if (parts.labels) mapping.labels = parts.labels;
  return mapping;
}

/** Whether most of the ids hold a card number: a run would tokenise the team's keys. */
export function mostLookLikeCards(ids: readonly string[]): boolean {
  return ids.length > 0 && ids.filter((id) => containsCardNumber(id)).length > ids.length / 2;
}
