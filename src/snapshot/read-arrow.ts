import { createReadStream } from 'node:fs';
import { RecordBatchReader, type RecordBatch } from 'apache-arrow';
import { InputError } from '../errors.js';
import type { RawRow, TableRows } from './raw-row.js';

/**
 * Streams an Arrow IPC file (or stream) batch by batch. Every value is turned into text so that
 * the same row schemas validate all formats; timestamps become ISO strings.
 */
export async function readArrow(path: string): Promise<TableRows> {
  let reader: RecordBatchReader;
  try {
    reader = await RecordBatchReader.from(createReadStream(path));
    await reader.open();
  } catch (err) {
    throw new InputError(`${path} is not a readable Arrow IPC file: ${(err as Error).message.split('\n')[0]}`, { cause: err });
  }
  const columns = reader.schema.fields.map((f) => f.name);
  return { columns, batches: batches(reader, columns, path) };
}

async function* batches(reader: RecordBatchReader, columns: string[], path: string): AsyncGenerator<RawRow[]> {
  let line = 0;
  try {
    for await (const batch of reader as AsyncIterable<RecordBatch>) {
      const vectors = columns.map((_, c) => batch.getChildAt(c));
      const rows: RawRow[] = new Array(batch.numRows);
      for (let i = 0; i < batch.numRows; i++) {
        const record: Record<string, string> = {};
        for (let c = 0; c < columns.length; c++) record[columns[c]!] = toText(vectors[c]?.get(i));
        rows[i] = { line: ++line, record };
      }
      yield rows;
    }
  } catch (err) {
    if (err instanceof InputError) throw err;
    throw new InputError(`${path} is broken: ${(err as Error).message.split('\n')[0]}`, { cause: err });
  }
}

function toText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean') return String(value);
  return String(value);
}
