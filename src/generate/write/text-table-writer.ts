import { ChunkedFile } from './chunked-file.js';
import type { CellValue, Column, TableWriter } from './table-writer.js';

/** Rows are encoded into buffers of 1 MB; a full buffer waits for the next drain. */
const CHUNK_BYTES = 1 << 20;

/**
 * The line-oriented writers (CSV, NDJSON). Each row's text is encoded to UTF-8 at once into a
 * 1 MB buffer (off the JS heap, so millions of rows do not pile up as strings for the garbage
 * collector); `drain` writes the full buffers. Subclasses say how a row and the header look.
 */
export abstract class TextTableWriter implements TableWriter {
  private full: Buffer[] = [];
  private buffer = Buffer.allocUnsafe(CHUNK_BYTES);
  private used = 0;
  private count = 0;

  protected constructor(
    protected readonly file: ChunkedFile,
    protected readonly columns: readonly Column[],
  ) {}

  get path(): string {
    return this.file.path;
  }

  get rows(): number {
    return this.count;
  }

  protected abstract line(values: readonly CellValue[]): string;

  row(values: readonly CellValue[]): void {
    if (values.length !== this.columns.length) throw new Error(`${this.path}: row has ${values.length} values for ${this.columns.length} columns`);
    this.raw(this.line(values));
    this.count++;
  }

  protected raw(text: string): void {
    // A UTF-16 code unit never takes more than 3 UTF-8 bytes.
    if (this.used + text.length * 3 > this.buffer.length) {
      if (this.used > 0) this.full.push(this.buffer.subarray(0, this.used));
      this.buffer = Buffer.allocUnsafe(Math.max(CHUNK_BYTES, text.length * 3));
      this.used = 0;
    }
    this.used += this.buffer.write(text, this.used, 'utf8');
  }

  async drain(): Promise<void> {
    const full = this.full;
    this.full = [];
    for (const chunk of full) await this.file.write(chunk);
  }

  async close(): Promise<void> {
    await this.drain();
    await this.file.write(this.buffer.subarray(0, this.used));
    this.used = 0;
    await this.file.close();
  }
}
