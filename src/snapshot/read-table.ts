import { InputError } from '../errors.js';
import type { TableFile } from './locate-tables.js';
import type { TableRows } from './raw-row.js';
import { readArrow } from './read-arrow.js';
import { readCsv } from './read-csv.js';
import { readNdjson } from './read-ndjson.js';
import { tableSpecs } from './table-schemas.js';

/** Opens a table file in its format and checks that the required columns are declared. */
export async function readTable(file: TableFile): Promise<TableRows> {
  const rows = file.format === 'csv' ? await readCsv(file.path) : file.format === 'arrow' ? await readArrow(file.path) : await readNdjson(file.path);
  if (rows.columns) {
    const missing = tableSpecs[file.table].requiredColumns.filter((c) => !rows.columns!.includes(c));
    if (missing.length > 0) {
      throw new InputError(`${file.path} lacks required column${missing.length > 1 ? 's' : ''} ${missing.join(', ')} (found: ${rows.columns.slice(0, 12).join(', ') || 'none'})`);
    }
  }
  return rows;
}
