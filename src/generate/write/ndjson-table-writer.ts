import { ChunkedFile } from './chunked-file.js';
import type { CellValue, Column } from './table-writer.js';
import { TextTableWriter } from './text-table-writer.js';

/** One JSON object per line, keys in column order; money is a JSON number, the rest strings. */
export class NdjsonTableWriter extends TextTableWriter {
  private readonly keys: readonly string[];

  private constructor(file: ChunkedFile, columns: readonly Column[]) {
    super(file, columns);
    this.keys = columns.map((c, index) => (index === 0 ? '{' : ',') + JSON.stringify(c.name) + ':');
  }

  static async create(path: string, columns: readonly Column[]): Promise<NdjsonTableWriter> {
    return new NdjsonTableWriter(await ChunkedFile.create(path), columns);
  }

  protected line(values: readonly CellValue[]): string {
    let text = '';
    for (let c = 0; c < values.length; c++) {
      const value = values[c]!;
      text += this.keys[c] + (typeof value === 'number' ? String(value) : JSON.stringify(value));
    }
    return text + '}\n';
  }
}
