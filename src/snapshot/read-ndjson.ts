import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { InputError } from '../errors.js';
import { progressSize } from '../io/file-size.js';
import type { RawRow, TableRows } from './raw-row.js';

const BATCH = 4096;

/** Streams newline-delimited JSON objects; a line that is not a JSON object is a rejected row. */
export async function readNdjson(path: string): Promise<TableRows> {
  const bytes = await progressSize(path);
  const stream = createReadStream(path, { encoding: 'utf8', highWaterMark: 1 << 20 });
  let charsRead = 0;
  // the line iterator is taken now, in the same tick as the byte counter, so no line is missed
  const lines = createInterface({ input: stream, crlfDelay: Infinity })[Symbol.asyncIterator]();
  stream.on('data', (chunk) => (charsRead += chunk.length));
  return { columns: null, batches: batches({ [Symbol.asyncIterator]: () => lines }, path), progress: () => Math.min(1, charsRead / bytes) };
}

async function* batches(lines: AsyncIterable<string>, path: string): AsyncGenerator<RawRow[]> {
  let batch: RawRow[] = [];
  let line = 0;
  try {
    for await (const text of lines) {
      line++;
      const trimmed = line === 1 ? text.replace(/^\uFEFF/, '').trim() : text.trim();
      if (trimmed === '') continue;
      batch.push(parseLine(trimmed, line));
      if (batch.length >= BATCH) {
        yield batch;
        batch = [];
      }
    }
  } catch (err) {
    throw new InputError(`cannot read ${path}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`, { cause: err });
  }
  if (batch.length > 0) yield batch;
}

function parseLine(text: string, line: number): RawRow {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { line, record: null, problem: 'not valid JSON', raw: text };
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return { line, record: null, problem: 'not a JSON object', raw: text };
  }
  const record: Record<string, string> = {};
  for (const [key, v] of Object.entries(value)) record[key] = toText(v);
  return { line, record, raw: text };
}

function toText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  return JSON.stringify(value);
}
