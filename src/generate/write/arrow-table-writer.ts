import { AsyncByteQueue, Field, Float64, RecordBatch, RecordBatchFileWriter, Schema, Struct, Utf8, makeData, type Data } from 'apache-arrow';
import { ChunkedFile } from './chunked-file.js';
import type { CellValue, Column, TableWriter } from './table-writer.js';

const BATCH_ROWS = 65_536;

/**
 * Arrow's writer pushes its output into a byte queue; this one just keeps the chunks so that
 * the table writer can hand them to the file itself, awaiting each write (backpressure).
 */
class CollectedBytes extends AsyncByteQueue {
  chunks: Uint8Array[] = [];
  override write(value: Uint8Array): void {
    this.chunks.push(value);
  }
  take(): Uint8Array[] {
    const chunks = this.chunks;
    this.chunks = [];
    return chunks;
  }
}

/**
 * An Arrow IPC file, written one record batch of 64k rows at a time: Utf8 columns, Float64 for
 * money, no nulls (empty text stays empty text, as in the CSV).
 */
export class ArrowTableWriter implements TableWriter {
  private readonly schema: Schema;
  private readonly writer = new RecordBatchFileWriter();
  private readonly bytes = new CollectedBytes();
  private buffered: CellValue[][];
  private size = 0;
  private count = 0;

  private constructor(
    private readonly file: ChunkedFile,
    private readonly columns: readonly Column[],
  ) {
    this.schema = new Schema(columns.map((c) => new Field(c.name, c.type === 'utf8' ? new Utf8() : new Float64(), false)));
    this.buffered = columns.map(() => []);
    // Writes the schema now, so even a table without rows is a valid Arrow file.
    this.writer.reset(this.bytes, this.schema);
  }

  static async create(path: string, columns: readonly Column[]): Promise<ArrowTableWriter> {
    return new ArrowTableWriter(await ChunkedFile.create(path), columns);
  }

  get path(): string {
    return this.file.path;
  }

  get rows(): number {
    return this.count;
  }

  row(values: readonly CellValue[]): void {
    if (values.length !== this.columns.length) throw new Error(`${this.path}: row has ${values.length} values for ${this.columns.length} columns`);
    for (let c = 0; c < values.length; c++) this.buffered[c]!.push(values[c]!);
    this.size++;
    this.count++;
  }

  async drain(): Promise<void> {
    if (this.size >= BATCH_ROWS) await this.flushBatch();
  }

  async close(): Promise<void> {
    if (this.size > 0) await this.flushBatch();
    this.writer.finish();
    await this.writeCollected();
    await this.file.close();
  }

  private async flushBatch(): Promise<void> {
    const length = this.size;
    const children = this.columns.map((column, c) =>
      column.type === 'utf8' ? utf8Data(this.buffered[c] as string[]) : float64Data(this.buffered[c] as number[]),
    );
    const data = makeData({ type: new Struct(this.schema.fields), length, nullCount: 0, children });
    this.writer.write(new RecordBatch(this.schema, data));
    this.buffered = this.columns.map(() => []);
    this.size = 0;
    await this.writeCollected();
  }

  private async writeCollected(): Promise<void> {
    for (const chunk of this.bytes.take()) await this.file.write(chunk);
  }
}

function utf8Data(values: readonly string[]): Data<Utf8> {
  const joined = values.join('');
  const buffer = Buffer.from(joined, 'utf8');
  const bytes = new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  const offsets = new Int32Array(values.length + 1);
  const ascii = bytes.length === joined.length;
  let at = 0;
  for (let i = 0; i < values.length; i++) {
    at += ascii ? values[i]!.length : Buffer.byteLength(values[i]!, 'utf8');
    offsets[i + 1] = at;
  }
  return makeData({ type: new Utf8(), length: values.length, nullCount: 0, valueOffsets: offsets, data: bytes });
}

function float64Data(values: readonly number[]): Data<Float64> {
  return makeData({ type: new Float64(), length: values.length, nullCount: 0, data: Float64Array.from(values) });
}
