import { InputError } from '../errors.js';
import type { TableFile } from './locate-tables.js';
import type { TableRows } from './raw-row.js';
import { inputLimits } from './input-limits.js';
import { readArrow } from './read-arrow.js';
import { readCsv } from './read-csv.js';
import { readNdjson } from './read-ndjson.js';
import { readParquet } from './read-parquet.js';
import { tableSpecs } from './table-schemas.js';

/** Opens a table file in its format and checks that the required columns are declared. */
export async function readTable(file: TableFile): Promise<TableRows> {
  const rows = await openTable(file);
  if (rows.columns) checkRequiredColumns(file, rows.columns);
  return rows;
}

/** Opens a file in its format, whatever its columns (a mapping says which is which). */
export async function openTable(file: Pick<TableFile, 'path' | 'format' | 'gzip'>): Promise<TableRows> {
  return file.format === 'csv'
      ? await readCsv(file.path, file.gzip)
      : file.format === 'arrow'
        ? await readArrow(file.path)
        : file.format === 'parquet'
          ? await readParquet(file.path)
          : await readNdjson(file.path, file.gzip);
}

/** A header within the column limit that has every column its table requires. */
export function checkRequiredColumns(file: TableFile, columns: readonly string[]): void {
  if (columns.length > inputLimits.maxColumns) throw new InputError(`${file.path} has ${columns.length} columns, more than the limit of ${inputLimits.maxColumns}`);
  const missing = tableSpecs[file.table].requiredColumns.filter((c) => !columns.includes(c));
  if (missing.length > 0) {
    throw new InputError(`${file.path} lacks required column${missing.length > 1 ? 's' : ''} ${missing.join(', ')} (${describeHeader(columns)})`);
  }
}

/** Column names look like this; anything else (a password file's first line, binary) is never quoted back. */
const COLUMN_NAME = /^[A-Za-z_][A-Za-z0-9_ .-]{0,63}$/;

/** The columns found, when they look like column names; otherwise only that they do not. */
function describeHeader(columns: readonly string[]): string {
  if (columns.length === 0 || (columns.length === 1 && columns[0] === '')) return 'found: none';
  if (!columns.every((c) => COLUMN_NAME.test(c))) return 'the first line does not look like a header of column names';
  return `found: ${columns.slice(0, 12).join(', ')}${columns.length > 12 ? ', …' : ''}`;
}
