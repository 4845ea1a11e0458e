import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { InputError, UserError } from '../../errors.js';
import { compareCodeUnits } from '../../order.js';
import { formatOf, locateTables } from '../locate-tables.js';
import type { TableSource } from '../table-source.js';
import { tableNames, tableSpecs } from '../table-schemas.js';
import { fileMatcher } from './file-pattern.js';
import { mapRows, tablesFedBy } from './map-rows.js';
import type { TableMapping } from './table-mapping.js';

/**
 * Stage: snapshot folder (+ mapping) → the files feeding each table, in load order. Without a
 * mapping it is today's contract: one file per table, named for it. With one, every file a
 * mapping matches is read through it, and the contract's own files still feed the tables the
 * mapping leaves alone. A file two mappings match, a mapping that matches nothing, and a required
 * table nothing feeds are refused with one line.
 */
export async function locateSources(dir: string, mappings: readonly TableMapping[] | undefined, source = 'input.tables'): Promise<TableSource[]> {
  if (!mappings || mappings.length === 0) return (await locateTables(dir)).map((file) => ({ file }));
  const entries = await folderEntries(dir);
  const matchers = mappings.map((m) => fileMatcher(m.file));
  const where = (i: number) => `${source}[${i}] (${mappings[i]!.file})`;
  const mapped = new Map<string, number>();
  for (const name of entries) {
    const matching = matchers.flatMap((matches, i) => (matches(name) ? [i] : []));
    if (matching.length > 1) throw new UserError(`${name} is matched by two mappings: ${where(matching[0]!)} and ${where(matching[1]!)}`);
    if (matching.length === 1) mapped.set(name, matching[0]!);
  }
  const sources: TableSource[] = [];
  for (let i = 0; i < mappings.length; i++) {
    const names = entries.filter((name) => mapped.get(name) === i);
    if (names.length === 0) throw new UserError(`${where(i)} matches no file in ${dir}`);
    for (const name of names) {
      const path = join(dir, name);
      const format = formatOf(name);
      if (format === null) throw new UserError(`${where(i)} matches ${name}, which is not a known format (.csv, .ndjson, .jsonl, .arrow, .parquet, .csv.gz, .ndjson.gz, .jsonl.gz)`);
      const info = await stat(path);
      if (!info.isFile()) throw new InputError(`${path} is not a file`);
      for (const table of tablesFedBy(mappings[i]!)) {
        sources.push({ file: { table, path, ...format, bytes: info.size }, mapRows: mapRows(mappings[i]!, where(i), path, table) });
      }
    }
  }
  for (const file of await locateTables(dir, { skip: (name) => mapped.has(name), optional: true })) sources.push({ file });
  for (const table of tableNames) {
    if (tableSpecs[table].required && !sources.some((s) => s.file.table === table)) {
      throw new InputError(`snapshot ${dir} has no ${table} table: no file ${table}.csv (or another format) and no mapping feeds it`);
    }
  }
  // load order: table by table as the contract lists them, files by name
  const order = (s: TableSource) => tableNames.indexOf(s.file.table);
  return sources.sort((a, b) => order(a) - order(b) || compareCodeUnits(a.file.path, b.file.path));
}

async function folderEntries(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir)).sort(compareCodeUnits);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new InputError(code === 'ENOENT' ? `snapshot folder not found: ${dir}` : `cannot read snapshot folder ${dir}: ${code}`, { cause: err });
  }
}
