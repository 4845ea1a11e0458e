import { ChunkedFile } from './chunked-file.js';
import type { CellValue, Column } from './table-writer.js';
import { TextTableWriter } from './text-table-writer.js';

const NEEDS_QUOTES = /[",\r\n]/;
const QUOTE = /"/g;

/**
 * RFC 4180 CSV: a header row, fields quoted when they hold a comma, a double quote, CR or LF
 * (quotes doubled inside), records ended by LF. Empty text is an empty field.
 */
export class CsvTableWriter extends TextTableWriter {
  static async create(path: string, columns: readonly Column[]): Promise<CsvTableWriter> {
    const writer = new CsvTableWriter(await ChunkedFile.create(path), columns);
    writer.raw(columns.map((c) => csvField(c.name)).join(',') + '\n');
    return writer;
  }

  protected line(values: readonly CellValue[]): string {
    let text = csvField(values[0]!);
    for (let c = 1; c < values.length; c++) text += ',' + csvField(values[c]!);
    return text + '\n';
  }
}

export function csvField(value: CellValue): string {
  if (typeof value === 'number') return String(value);
  return NEEDS_QUOTES.test(value) ? '"' + value.replace(QUOTE, '""') + '"' : value;
}
