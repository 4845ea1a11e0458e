import { asyncBufferFromFile, parquetMetadataAsync, parquetReadObjects, parquetSchema, type AsyncBuffer, type FileMetaData } from 'hyparquet';
import { compressors } from 'hyparquet-compressors';
import { InputError } from '../errors.js';
import type { RawRow, TableRows } from './raw-row.js';

/**
 * Reads a Parquet file one row group at a time (any codec: snappy, gzip, zstd, brotli, lz4), so
 * memory holds one group, not the file. Every value becomes text, as for Arrow, so the same row
 * schemas validate every format; timestamps become ISO strings. Rows are numbered from 1.
 */
export async function readParquet(path: string): Promise<TableRows> {
  let file: AsyncBuffer;
  let metadata: FileMetaData;
  try {
    file = await asyncBufferFromFile(path);
    metadata = await parquetMetadataAsync(file);
  } catch (err) {
    throw new InputError(`${path} is not a readable Parquet file: ${(err as Error).message.split('\n')[0]}`, { cause: err });
  }
  const columns = parquetSchema(metadata).children.map((c) => c.element.name);
  const total = Number(metadata.num_rows);
  let done = 0;
  return { columns, batches: batches(file, metadata, path, (n) => (done = n)), progress: () => (total === 0 ? 1 : done / total) };
}

async function* batches(file: AsyncBuffer, metadata: FileMetaData, path: string, onRows: (n: number) => void): AsyncGenerator<RawRow[]> {
  let rowStart = 0;
  for (const group of metadata.row_groups) {
    const rowEnd = rowStart + Number(group.num_rows);
    let objects: Record<string, unknown>[];
    try {
      objects = await parquetReadObjects({ file, metadata, rowStart, rowEnd, compressors });
    } catch (err) {
      throw new InputError(`${path} is broken: ${(err as Error).message.split('\n')[0]}`, { cause: err });
    }
    const rows: RawRow[] = new Array(objects.length);
    for (let i = 0; i < objects.length; i++) {
      const record: Record<string, string> = {};
      const object = objects[i]!;
      for (const key in object) record[key] = toText(object[key]);
      rows[i] = { line: rowStart + i + 1, record };
    }
    rowStart = rowEnd;
    onRows(rowStart);
    yield rows;
  }
}

function toText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value, (_, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));
}
