import { join } from 'node:path';
import { ArrowTableWriter } from './arrow-table-writer.js';
import { CsvTableWriter, type CsvLayout } from './csv-table-writer.js';
import { NdjsonTableWriter } from './ndjson-table-writer.js';
import type { Column, TableFormat, TableWriter } from './table-writer.js';

const EXTENSION: Record<TableFormat, string> = { csv: '.csv', ndjson: '.ndjson', arrow: '.arrow' };

/** Opens `<dir>/<table>.<ext>` for writing in the given format (`layout`: CSV only). */
export async function openTableWriter(dir: string, table: string, columns: readonly Column[], format: TableFormat, layout?: CsvLayout): Promise<TableWriter> {
  const path = join(dir, table + EXTENSION[format]);
  switch (format) {
    case 'csv':
      return CsvTableWriter.create(path, columns, layout);
    case 'ndjson':
      return NdjsonTableWriter.create(path, columns);
    case 'arrow':
      return ArrowTableWriter.create(path, columns);
  }
}
