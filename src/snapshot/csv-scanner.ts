import { open, type FileHandle } from 'node:fs/promises';
import Papa from 'papaparse';
import { InputError } from '../errors.js';
import { progressSize } from '../io/file-size.js';

const COMMA = 0x2c;
const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;
const CHUNK = 1 << 24;
const MAX_ROW_BYTES = 1 << 28;

/**
 * One CSV row as byte ranges into the scanner's buffer, valid only during the callback. Quoted
 * fields are already unquoted in place (`""` → `"`), so every field is a plain range.
 */
export class CsvRow {
  bytes: Buffer = Buffer.alloc(0);
  starts = new Int32Array(64);
  ends = new Int32Array(64);
  count = 0;
  /** physical line where the row starts (the header is line 1) */
  line = 0;
  /** byte offset in the file where the row starts */
  offset = 0;
  /** true when every byte of the row is ASCII: its fields are their own UTF-16 text */
  ascii = true;
  /** why the row is malformed (broken quoting), or null */
  problem: string | null = null;
  /** physical lines the row spans */
  lines = 1;

  text(field: number): string {
    return this.bytes.toString('utf8', this.starts[field]!, this.ends[field]!);
  }
  fields(): string[] {
    const out: string[] = new Array(this.count);
    for (let i = 0; i < this.count; i++) out[i] = this.text(i);
    return out;
  }
  /** The row as CSV text again, for rejects.csv. */
  raw(): string {
    return Papa.unparse([this.fields()], { newline: '\n' });
  }
}

/**
 * Reads an RFC 4180 CSV file (UTF-8, optional BOM, LF or CRLF) straight from bytes and hands
 * every row to onRow with its physical line number. No string is made unless the caller asks for
 * one. A quoted field that never closes stops the read with an InputError (it would swallow the
 * rest of the file); a quote that closes early marks the row malformed. Calls onHeader with the
 * header's column names (BOM removed, trimmed); an empty file is an InputError.
 *
 * The file is read from byte `from` (0: the start; the worker of normalise-ahead.ts starts further
 * in) straight into the scanner's own buffer, 16 MB at a time: no buffer is made per chunk, so a
 * large file adds no garbage and no external memory for the collector to chase.
 */
export async function scanCsv(
  path: string,
  onHeader: (columns: string[]) => void,
  /** returns false to stop reading: the scan ends after this row, without an error */
  onRow: (row: CsvRow) => unknown,
  onProgress?: (fraction: number) => void,
  from = 0,
): Promise<void> {
  const size = await progressSize(path); // a file that cannot be read fails below, with its reason
  let buffer = Buffer.allocUnsafe(2 * CHUNK);
  let filled = 0; // bytes of buffer holding data not yet scanned
  let consumed = from; // file offset of buffer[0]
  let line = 1;
  let header: string[] | null = null;
  let first = true;
  const row = new CsvRow();
  let stopped = false;
  const scan = (eof: boolean) => {
    let at = 0;
    if (first && filled >= 3 && buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf) at = 3;
    if (filled >= 3 || eof) first = false;
    row.bytes = buffer;
    for (;;) {
      const next = scanRow(buffer, at, filled, eof, row, line);
      if (next === -1) break; // the row continues past the data so far
      if (next === -2) throw new InputError(`${path} is broken: the quoted field opened on line ${row.line} is never closed`);
      row.offset = consumed + at;
      at = next;
      line = row.line + row.lines;
      if (header === null) {
        header = row.fields().map((name) => name.trim());
        onHeader(header);
        continue;
      }
      if (row.count === 1 && row.starts[0] === row.ends[0]) continue; // blank line
      if (row.problem === null && row.count !== header.length) row.problem = `expected ${header.length} fields, found ${row.count}`;
      if (onRow(row) === false) {
        stopped = true;
        break;
      }
    }
    if (at > 0) first = false;
    buffer.copy(buffer, 0, at, filled);
    filled -= at;
    consumed += at;
  };
  let handle: FileHandle | null = null;
  try {
    handle = await open(path, 'r');
    let position = from;
    for (;;) {
      if (buffer.length - filled < CHUNK) {
        // the unscanned tail leaves less than a chunk free: grow the buffer, up to a bound on one row
        if (filled > MAX_ROW_BYTES) throw new InputError(`${path} is broken: the row on line ${line} is longer than ${MAX_ROW_BYTES >> 20} MB (an unclosed quote?)`);
        const bigger = Buffer.allocUnsafe(buffer.length * 2);
        buffer.copy(bigger, 0, 0, filled);
        buffer = bigger;
      }
      const { bytesRead } = await handle.read(buffer, filled, CHUNK, position);
      if (bytesRead === 0) break;
      position += bytesRead;
      filled += bytesRead;
      scan(false);
      onProgress?.(Math.min(1, consumed / size));
      if (stopped) return;
    }
  } catch (err) {
    if (err instanceof InputError) throw err;
    throw new InputError(`cannot read ${path}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`, { cause: err });
  } finally {
    await handle?.close();
  }
  if (stopped) return;
  scan(true);
  if (header === null) throw new InputError(`${path} is empty: a header row is required`);
}

/**
 * Scans one row starting at `at`. Returns the offset after its line end, -1 when the row is not
 * complete in buffer[0, end) and more data may come, or -2 for a quote left open at end of file.
 * The buffer is changed (escaped quotes removed) only once the row is known to be complete, so
 * an incomplete row can be scanned again after more data arrives.
 */
function scanRow(b: Buffer, at: number, end: number, eof: boolean, row: CsvRow, line: number): number {
  if (at >= end) return -1;
  row.count = 0;
  row.line = line;
  row.problem = null;
  let newlines = 0;
  let or = 0;
  let escaped = 0; // bit mask of the first 31 fields with "" inside, the rest tracked by `escapedLate`
  let escapedLate = false;
  let i = at;
  for (;;) {
    let start = i;
    let stop: number;
    if (i < end && b[i] === QUOTE) {
      let r = i + 1;
      start = r;
      let hasEscape = false;
      for (;;) {
        if (r >= end) return eof ? -2 : -1;
        const c = b[r]!;
        if (c === QUOTE) {
          if (r + 1 >= end && !eof) return -1;
          if (r + 1 < end && b[r + 1] === QUOTE) {
            hasEscape = true;
            r += 2;
            continue;
          }
          if (r + 1 >= end) break;
          const after = b[r + 1]!;
          if (after === COMMA || after === LF) break;
          if (after === CR) {
            if (r + 2 >= end && !eof) return -1;
            if (r + 2 >= end || b[r + 2] === LF) break;
          }
          // a quote that does not close the field: kept as data, the row is marked malformed
          row.problem ??= 'malformed CSV row: Trailing quote on quoted field is malformed';
          r++;
          continue;
        }
        if (c === LF) newlines++;
        or |= c;
        r++;
      }
      stop = r;
      i = r + 1;
      if (hasEscape) {
        if (row.count < 31) escaped |= 1 << row.count;
        else escapedLate = true;
      }
    } else {
      while (i < end) {
        const c = b[i]!;
        if (c === COMMA || c === LF) break;
        or |= c;
        i++;
      }
      if (i >= end && !eof) return -1;
      stop = i;
      if (stop > start && b[stop - 1] === CR && (i >= end || b[i] === LF)) stop--;
    }
    if (row.count === row.starts.length) {
      const starts = new Int32Array(row.count * 2);
      starts.set(row.starts);
      row.starts = starts;
      const ends = new Int32Array(row.count * 2);
      ends.set(row.ends);
      row.ends = ends;
    }
    row.starts[row.count] = start;
    row.ends[row.count] = stop;
    row.count++;
    let next: number;
    if (i >= end) next = end; // end of file without a final newline
    else if (b[i] === COMMA) {
      i++;
      continue;
    } else next = b[i] === CR ? i + 2 : i + 1; // LF, or the CRLF after a closing quote
    row.lines = newlines + 1;
    row.ascii = or < 0x80;
    if (escaped !== 0 || escapedLate) unescape(b, row, escaped, escapedLate);
    return next;
  }
}

/** Removes the second quote of every "" pair in the marked fields, in place. */
function unescape(b: Buffer, row: CsvRow, escaped: number, late: boolean): void {
  for (let f = 0; f < row.count; f++) {
    if (!(f < 31 ? (escaped & (1 << f)) !== 0 : late)) continue;
    const stop = row.ends[f]!;
    let w = row.starts[f]!;
    for (let r = w; r < stop; r++) {
      const c = b[r]!;
      b[w++] = c;
      if (c === QUOTE && r + 1 < stop && b[r + 1] === QUOTE) r++;
    }
    row.ends[f] = w;
  }
}
