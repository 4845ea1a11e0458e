import { createReadStream } from 'node:fs';
import { createGunzip } from 'node:zlib';
import Papa from 'papaparse';
import { formatOf, type TableFormat } from '../snapshot/locate-tables.js';
import { openTable } from '../snapshot/read-table.js';

/** A file's format, columns and first rows: what inspect and --suggest-map judge it by. */
export interface FileHead {
  name: string;
  format: TableFormat;
  gzip: boolean;
  columns: string[];
  rows: Array<Record<string, string>>;
}

/** Text read from the start of a file at most: a few thousand rows of any export, never the whole of a large one. */
const HEAD_BYTES = 1 << 20;

/**
 * Reads a file's first rows (up to `rows`), or null when its name has no known format. Text
 * formats are read from their first megabyte only; Arrow and Parquet from their first batch or row
 * group. NDJSON declares no columns: its first rows' keys are its columns.
 */
export async function readFileHead(path: string, name: string, rows = 2000): Promise<FileHead | null> {
  const format = formatOf(name);
  if (format === null) return null;
  if (format.format === 'csv' || format.format === 'ndjson') {
    const text = await headText(path, format.gzip);
    // the last line may be cut in the middle: it is left out
    const lines = text.split(/\r?\n/).slice(0, -1);
    if (format.format === 'csv') {
      const parsed = Papa.parse<Record<string, string>>(lines.slice(0, rows + 1).join('\n').replace(/^\uFEFF/, ''), { header: true, skipEmptyLines: true });
      return { name, ...format, columns: parsed.meta.fields ?? [], rows: parsed.data };
    }
    const records = lines.slice(0, rows).flatMap((line) => {
      try {
        const value: unknown = JSON.parse(line);
        return value !== null && typeof value === 'object' && !Array.isArray(value) ? [Object.fromEntries(Object.entries(value).map(([k, v]) => [k, v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v)]))] : [];
      } catch {
        return [];
      }
    });
    return { name, ...format, columns: [...new Set(records.flatMap((r) => Object.keys(r)))], rows: records };
  }
  const table = await openTable({ path, ...format });
  const head: Array<Record<string, string>> = [];
  for await (const batch of table.batches) {
    for (const row of batch) if (row.record !== null && head.length < rows) head.push(row.record);
    if (head.length >= rows || batch.length > 0) break;
  }
  return { name, ...format, columns: table.columns ? [...table.columns] : [], rows: head };
}

async function headText(path: string, gzip: boolean): Promise<string> {
  const raw = createReadStream(path, gzip ? {} : { end: HEAD_BYTES - 1 });
  const stream = gzip ? raw.pipe(createGunzip()) : raw;
  const chunks: Buffer[] = [];
  let bytes = 0;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      chunks.push(chunk);
      bytes += chunk.length;
      if (bytes >= HEAD_BYTES) break;
    }
  } catch {
    // a truncated gzip or an unreadable file: what was read is the head; the load says what is wrong
  } finally {
    raw.destroy();
  }
  return Buffer.concat(chunks).subarray(0, HEAD_BYTES).toString('utf8');
}
