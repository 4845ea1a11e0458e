import { readdir, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { InputError } from '../errors.js';
import { tableNames, tableSpecs, type TableName } from './table-schemas.js';

export type TableFormat = 'csv' | 'ndjson' | 'arrow';

export interface TableFile {
  table: TableName;
  path: string;
  format: TableFormat;
  bytes: number;
}

const formats: Record<string, TableFormat> = { '.csv': 'csv', '.ndjson': 'ndjson', '.jsonl': 'ndjson', '.arrow': 'arrow' };

/** Finds exactly one file per table in the snapshot folder; a missing required table stops the run. */
export async function locateTables(dir: string): Promise<TableFile[]> {
  let entries: string[];
  try {
    entries = await readdir(dir);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new InputError(code === 'ENOENT' ? `snapshot folder not found: ${dir}` : `cannot read snapshot folder ${dir}: ${code}`, { cause: err });
  }
  const found: TableFile[] = [];
  for (const table of tableNames) {
    const matches = entries.filter((name) => {
      const ext = extname(name);
      return formats[ext] !== undefined && name.slice(0, -ext.length) === table;
    });
    if (matches.length > 1) throw new InputError(`snapshot has more than one file for table ${table}: ${matches.sort().join(', ')}`);
    if (matches.length === 0) {
      if (tableSpecs[table].required) throw new InputError(`snapshot ${dir} has no ${table} table (expected ${table}.csv, ${table}.ndjson or ${table}.arrow)`);
      continue;
    }
    const name = matches[0]!;
    const path = join(dir, name);
    const info = await stat(path);
    if (!info.isFile()) throw new InputError(`${path} is not a file`);
    found.push({ table, path, format: formats[extname(name)]!, bytes: info.size });
  }
  return found;
}
