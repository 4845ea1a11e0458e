import { basename } from 'node:path';
import { closestWord } from '../../schema/closest-word.js';
import { UserError } from '../../errors.js';
import type { RawRow, TableRows } from '../raw-row.js';
import { canonicalKind, preview, tableSpecs, type TableName } from '../table-schemas.js';
import { compileDateFormat, type DateReader } from './date-format.js';
import { contractColumns, type TableMapping } from './table-mapping.js';

/** The tables one mapping feeds: its own, identifiers from wide columns, labels from a label column. */
export function tablesFedBy(mapping: TableMapping): TableName[] {
  const tables: TableName[] = [mapping.table];
  if (mapping.labels) tables.push('labels');
  if (mapping.identifierColumns && Object.keys(mapping.identifierColumns).length > 0) tables.push('identifiers');
  return tables;
}

/**
 * Stage: a mapped file's rows → rows of one contract table, each keeping its line in the file.
 * Checked once against the file's columns (when its format declares them): a column the mapping
 * names that the file lacks stops the run with a one-line UserError naming the nearest column.
 */
export function mapRows(mapping: TableMapping, where: string, path: string, target: TableName): (rows: TableRows) => TableRows {
  const dates = dateReaders(mapping, where);
  const read = (record: Record<string, string>, column: string): string | undefined | { problem: string } => {
    const cell = record[column];
    if (cell === undefined) return undefined;
    const reader = dates.get(column);
    if (reader === undefined || cell.trim() === '') return cell;
    return reader(cell) ?? { problem: `${column}: ${preview(cell)} does not match the date format ${mapping.dateFormats[column]}` };
  };
  const accountColumn = mapping.columns.account_id ?? 'account_id';
  const make = target === mapping.table ? ownRows(mapping, read) : target === 'labels' ? labelRows(mapping, accountColumn) : identifierRows(mapping, accountColumn);
  return (rows) => {
    if (rows.columns) checkColumns(mapping, where, path, target, rows.columns);
    return { columns: null, batches: mapBatches(rows.batches, make), ...(rows.progress ? { progress: rows.progress } : {}) };
  };
}

type Cell = string | undefined | { problem: string };
type RowMaker = (record: Record<string, string>, line: number) => RawRow[];

async function* mapBatches(batches: AsyncIterable<RawRow[]>, make: RowMaker): AsyncGenerator<RawRow[]> {
  for await (const batch of batches) {
    const out: RawRow[] = [];
    for (const row of batch) {
      if (row.record === null) {
        out.push(row); // unreadable in the file itself: rejected with the reader's reason
        continue;
      }
      for (const mapped of make(row.record, row.line)) {
        mapped.original = row.record;
        if (row.raw !== undefined) mapped.raw = row.raw;
        out.push(mapped);
      }
    }
    yield out;
  }
}

/** The mapping's own table: each contract column from its named column, its constant, or its own name. */
function ownRows(mapping: TableMapping, read: (record: Record<string, string>, column: string) => Cell): RowMaker {
  const columns = [...contractColumns[mapping.table], ...Object.keys(mapping.columns).filter((c) => !contractColumns[mapping.table].includes(c))];
  const plan = columns.map((target) => ({ target, source: mapping.columns[target] ?? (Object.hasOwn(mapping.constants, target) ? null : target), constant: mapping.constants[target] }));
  return (record, line) => {
    const out: Record<string, string> = {};
    for (const { target, source, constant } of plan) {
      const cell = source === null ? constant : read(record, source);
      if (cell === undefined) continue;
      if (typeof cell === 'object') return [{ line, record: null, problem: cell.problem }];
      out[target] = cell;
    }
    return [{ line, record: out }];
  };
}

/** Wide form: one identifier row per non-empty identifier column of an account's row. */
function identifierRows(mapping: TableMapping, accountColumn: string): RowMaker {
  const kinds = Object.entries(mapping.identifierColumns ?? {}).map(([column, kind]) => ({ column, kind: canonicalKind(kind)! }));
  return (record, line) => {
    const account = record[accountColumn];
    const rows: RawRow[] = [];
    for (const { column, kind } of kinds) {
      const value = record[column];
      if (value === undefined || value.trim() === '') continue;
      rows.push({ line, record: account === undefined ? { kind, value } : { account_id: account, kind, value } });
    }
    return rows;
  };
}

/**
 * A label column: its fraud and legit values become the contract's labels. Any other value is no
 * label: exports flag known fraud (`isFraud = false` means "not known", not "cleared"), and most
 * accounts are unlabelled rather than legit.
 */
function labelRows(mapping: TableMapping, accountColumn: string): RowMaker {
  const { fraud, legit, column } = mapping.labels!;
  const meaning = new Map<string, 'fraud' | 'legit'>([...legit.map((v) => [v.trim().toLowerCase(), 'legit'] as const), ...fraud.map((v) => [v.trim().toLowerCase(), 'fraud'] as const)]);
  return (record, line): RawRow[] => {
    const cell = record[column];
    if (cell === undefined || cell.trim() === '') return [];
    const label = meaning.get(cell.trim().toLowerCase());
    if (label === undefined) return [];
    const account = record[accountColumn];
    const out: Record<string, string> = account === undefined ? { label } : { account_id: account, label };
    return [{ line, record: out }];
  };
}

function dateReaders(mapping: TableMapping, where: string): Map<string, DateReader> {
  const readers = new Map<string, DateReader>();
  for (const [column, format] of Object.entries(mapping.dateFormats)) {
    const reader = compileDateFormat(format);
    if (typeof reader === 'string') throw new UserError(`${where}: dateFormats.${column}: ${reader}`);
    readers.set(column, reader);
  }
  return readers;
}

/** Every column the mapping names for this table is in the file, and every required column is given. */
function checkColumns(mapping: TableMapping, where: string, path: string, target: TableName, header: readonly string[]): void {
  const named: string[] = [...Object.values(mapping.columns), ...Object.keys(mapping.dateFormats)];
  if (target === 'identifiers' && target !== mapping.table) named.push(...Object.keys(mapping.identifierColumns ?? {}));
  if (target === 'labels' && target !== mapping.table) named.push(mapping.labels!.column);
  const name = basename(path);
  for (const column of named) {
    if (header.includes(column)) continue;
    const near = closestWord(column, header);
    throw new UserError(`${where}: column ${column} is not in ${name}${near ? ` (did you mean ${near}?)` : ` (its columns: ${header.slice(0, 12).join(', ')}${header.length > 12 ? ', …' : ''})`}`);
  }
  if (target !== mapping.table) {
    if (!Object.hasOwn(mapping.columns, 'account_id') && !header.includes('account_id')) throw new UserError(`${where}: ${name} has no account_id column: name the account column in columns.account_id`);
    return;
  }
  for (const column of tableSpecs[target].requiredColumns) {
    if (Object.hasOwn(mapping.columns, column) || Object.hasOwn(mapping.constants, column) || header.includes(column)) continue;
    throw new UserError(`${where}: ${name} has no ${column} column: name it in columns.${column}${column === 'kind' || column === 'status' ? ` or give constants.${column}` : ''}`);
  }
}
