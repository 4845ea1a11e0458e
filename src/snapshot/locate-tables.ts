import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { InputError } from '../errors.js';
import { tableNames, tableSpecs, type TableName } from './table-schemas.js';

export type TableFormat = 'csv' | 'ndjson' | 'arrow' | 'parquet';

export interface TableFile {
  table: TableName;
  path: string;
  format: TableFormat;
  bytes: number;
  /** `.csv.gz`, `.ndjson.gz`, `.jsonl.gz`: decompressed as it is read */
  gzip: boolean;
}

const formats: Record<string, { format: TableFormat; gzip: boolean }> = {
  '.csv': { format: 'csv', gzip: false },
  '.ndjson': { format: 'ndjson', gzip: false },
  '.jsonl': { format: 'ndjson', gzip: false },
  '.arrow': { format: 'arrow', gzip: false },
  '.parquet': { format: 'parquet', gzip: false },
  '.csv.gz': { format: 'csv', gzip: true },
  '.ndjson.gz': { format: 'ndjson', gzip: true },
  '.jsonl.gz': { format: 'ndjson', gzip: true },
};

/** The format of a file named with one of the known extensions (`.csv.gz` before `.gz`), or null. */
export function formatOf(name: string): { format: TableFormat; gzip: boolean } | null {
  // the longest extension wins: `x.csv.gz` is gzip csv
  const ext = Object.keys(formats)
    .filter((e) => name.length > e.length && name.endsWith(e))
    .sort((a, b) => b.length - a.length)[0];
  return ext === undefined ? null : formats[ext]!;
}

/** The table file's extension among the known ones (`.csv.gz` before `.gz`), or null. */
function extensionOf(name: string, table: string): string | null {
  if (!name.startsWith(`${table}.`)) return null;
  const ext = name.slice(table.length);
  return Object.hasOwn(formats, ext) ? ext : null;
}

/**
 * Finds exactly one file per table in the snapshot folder; a missing required table stops the
 * run. `options.skip` leaves out files a mapping reads, and `options.optional` finds what there
 * is without requiring any table (the mapping may feed the others).
 */
export async function locateTables(dir: string, options: { skip?: (name: string) => boolean; optional?: boolean } = {}): Promise<TableFile[]> {
  let entries: string[];
  try {
    entries = await readdir(dir);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new InputError(code === 'ENOENT' ? `snapshot folder not found: ${dir}` : `cannot read snapshot folder ${dir}: ${code}`, { cause: err });
  }
  const found: TableFile[] = [];
  for (const table of tableNames) {
    const matches = entries.filter((name) => extensionOf(name, table) !== null && !options.skip?.(name));
    if (matches.length > 1) throw new InputError(`snapshot has more than one file for table ${table}: ${matches.sort().join(', ')}`);
    if (matches.length === 0) {
      if (tableSpecs[table].required && !options.optional) throw new InputError(`snapshot ${dir} has no ${table} table (expected ${table}.csv, ${table}.ndjson, ${table}.arrow or ${table}.parquet, or .csv.gz or .ndjson.gz)`);
      continue;
    }
    const name = matches[0]!;
    const path = join(dir, name);
    const info = await stat(path);
    if (!info.isFile()) throw new InputError(`${path} is not a file`);
    found.push({ table, path, ...formats[extensionOf(name, table)!]!, bytes: info.size });
  }
  return found;
}
