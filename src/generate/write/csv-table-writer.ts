import { ChunkedFile } from './chunked-file.js';
import type { CellValue, Column } from './table-writer.js';
import { TextTableWriter } from './text-table-writer.js';

const NEEDS_QUOTES = /[",\r\n]/;
const QUOTE = /"/g;

/** How the CSV is laid out: every field quoted or only those that need it; CRLF or LF line ends. */
export interface CsvLayout {
  quoteAll: boolean;
  crlf: boolean;
}

/**
 * RFC 4180 CSV: a header row, fields quoted when they hold a comma, a double quote, CR or LF
 * (quotes doubled inside), records ended by LF. Empty text is an empty field. `layout` may quote
 * every field and end records with CRLF instead, as many exports do.
 */
export class CsvTableWriter extends TextTableWriter {
  private readonly field: (value: CellValue) => string;
  private readonly end: string;

  private constructor(file: ChunkedFile, columns: readonly Column[], layout: CsvLayout) {
    super(file, columns);
    this.field = layout.quoteAll ? quotedField : csvField;
    this.end = layout.crlf ? '\r\n' : '\n';
  }

  static async create(path: string, columns: readonly Column[], layout: CsvLayout = { quoteAll: false, crlf: false }): Promise<CsvTableWriter> {
    const writer = new CsvTableWriter(await ChunkedFile.create(path), columns, layout);
    writer.raw(columns.map((c) => writer.field(c.name)).join(',') + writer.end);
    return writer;
  }

  protected line(values: readonly CellValue[]): string {
    let text = this.field(values[0]!);
    for (let c = 1; c < values.length; c++) text += ',' + this.field(values[c]!);
    return text + this.end;
  }
}

export function csvField(value: CellValue): string {
  if (typeof value === 'number') return String(value);
  return NEEDS_QUOTES.test(value) ? '"' + value.replace(QUOTE, '""') + '"' : value;
}

function quotedField(value: CellValue): string {
  return '"' + String(value).replace(QUOTE, '""') + '"';
}
