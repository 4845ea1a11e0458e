import Papa from 'papaparse';
import { InputError } from '../errors.js';
import { progressSize } from '../io/file-size.js';
import { inputLimits } from './input-limits.js';
import { inputErrorReason, openInput } from './open-input.js';
import type { RawRow, TableRows } from './raw-row.js';

const BATCH = 4096;

/**
 * Streams an RFC 4180 CSV file (header row, UTF-8, optional BOM, CRLF or LF) as raw rows with
 * their physical line numbers. Rows with the wrong number of fields or broken quoting come back
 * with a problem; an unterminated quote (which would swallow the rest of the file) stops the run.
 * A header with more than `inputLimits.maxColumns` columns stops the run; a row longer than
 * `inputLimits.maxLineLength` characters is rejected. `gzip` files are decompressed as they stream.
 */
export async function readCsv(path: string, gzip = false): Promise<TableRows> {
  const queue = new AsyncBatchQueue<RawRow[]>();
  let columns: string[] | null = null;
  let line = 1;
  let headerSeen = false;
  let pending: RawRow[] = [];
  const bytes = await progressSize(path);
  const input = await openInput(path, gzip);

  const ready = new Promise<void>((resolve, reject) => {
    const stream = input.text;
    stream.on('error', (err) => {
      const e = new InputError(`cannot read ${path}: ${inputErrorReason(err)}`, { cause: err });
      reject(e);
      queue.fail(e);
    });
    Papa.parse<string[]>(stream as unknown as File, {
      header: false,
      skipEmptyLines: false,
      chunk(results, parser) {
        const errorsByRow = new Map<number, string>();
        let unclosedRow = -1;
        for (const error of results.errors) {
          if (error.code === 'MissingQuotes') unclosedRow = error.row ?? 0;
          else if (error.row !== undefined) errorsByRow.set(error.row, error.message);
        }
        const rows = results.data;
        for (let i = 0; i < rows.length; i++) {
          const fields = rows[i]!;
          const start = line;
          if (i === unclosedRow) {
            const e = new InputError(`${path} is broken: the quoted field opened on line ${start} is never closed`);
            parser.abort();
            reject(e);
            queue.fail(e);
            return;
          }
          for (const field of fields) line += countNewlines(field);
          line += 1;
          if (!headerSeen) {
            headerSeen = true;
            if (fields.length > inputLimits.maxColumns) {
              const e = new InputError(`${path} has ${fields.length} columns, more than the limit of ${inputLimits.maxColumns}`);
              parser.abort();
              stream.destroy();
              reject(e);
              queue.fail(e);
              return;
            }
            columns = fields.map((name, index) => (index === 0 ? name.replace(/^\uFEFF/, '') : name).trim());
            resolve();
            continue;
          }
          if (fields.length === 1 && fields[0] === '') continue; // blank line
          const problem = errorsByRow.get(i);
          if (rowLength(fields) > inputLimits.maxLineLength) {
            pending.push({ line: start, record: null, problem: `row longer than ${inputLimits.maxLineLength} characters`, raw: '' });
          } else if (fields.length > inputLimits.maxColumns) {
            pending.push({ line: start, record: null, problem: `expected ${columns!.length} fields, found ${fields.length}`, raw: '' });
          } else if (problem !== undefined) {
            pending.push({ line: start, record: null, problem: `malformed CSV row: ${problem}`, raw: Papa.unparse([fields]) });
          } else if (fields.length !== columns!.length) {
            pending.push({
              line: start,
              record: null,
              problem: `expected ${columns!.length} fields, found ${fields.length}`,
              raw: Papa.unparse([fields]),
            });
          } else {
            const record: Record<string, string> = {};
            for (let c = 0; c < fields.length; c++) record[columns![c]!] = fields[c]!;
            pending.push({ line: start, record });
          }
          if (pending.length >= BATCH) {
            queue.push(pending);
            pending = [];
          }
        }
      },
      complete() {
        if (!headerSeen) {
          const e = new InputError(`${path} is empty: a header row is required`);
          reject(e);
          queue.fail(e);
          return;
        }
        if (pending.length > 0) queue.push(pending);
        queue.end();
      },
      error(err: Error) {
        const e = new InputError(`cannot parse ${path}: ${err.message}`, { cause: err });
        reject(e);
        queue.fail(e);
      },
    });
  });
  await ready;
  return { columns, batches: queue, progress: () => Math.min(1, input.bytesRead() / bytes) };
}

function rowLength(fields: readonly string[]): number {
  let n = fields.length;
  for (const field of fields) n += field.length;
  return n;
}

function countNewlines(field: string): number {
  let n = 0;
  let at = field.indexOf('\n');
  while (at !== -1) {
    n++;
    at = field.indexOf('\n', at + 1);
  }
  return n;
}

/**
 * A push-to-pull bridge: the parser pushes batches synchronously, the loader pulls them with
 * for-await. Papaparse has no backpressure, so the queue is unbounded; batches are consumed as
 * fast as they arrive because the loader does no I/O of its own.
 */
class AsyncBatchQueue<T> implements AsyncIterable<T> {
  private items: T[] = [];
  private done = false;
  private error: unknown = null;
  private wake: (() => void) | null = null;

  push(item: T): void {
    this.items.push(item);
    this.notify();
  }
  end(): void {
    this.done = true;
    this.notify();
  }
  fail(error: unknown): void {
    this.error = error;
    this.notify();
  }
  private notify(): void {
    const wake = this.wake;
    this.wake = null;
    wake?.();
  }
  async *[Symbol.asyncIterator](): AsyncIterator<T> {
    let index = 0;
    for (;;) {
      if (this.error) throw this.error;
      if (index < this.items.length) {
        const item = this.items[index]!;
        this.items[index++] = undefined as T;
        if (index > 1024) {
          this.items = this.items.slice(index);
          index = 0;
        }
        yield item;
        continue;
      }
      if (this.done) return;
      await new Promise<void>((resolve) => (this.wake = resolve));
    }
  }
}
