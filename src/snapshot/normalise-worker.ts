import { parentPort, workerData } from 'node:worker_threads';
import { createReadStream } from 'node:fs';
import { createPanHasher } from '../normalise/card-number.js';
import { replaceCardNumbers } from '../normalise/card-numbers-in-text.js';
import { createNormaliser, type NormaliseOptions } from '../normalise/normalise-identifier.js';
import { ByteTable } from './byte-table.js';
import { fieldMayHoldCardNumber } from './card-number-fields.js';
import { scanCsv, type CsvRow } from './csv-scanner.js';
import { canonicalKind } from './table-schemas.js';

/** What the loader hands the worker: where to start, which columns, and the normaliser's options. */
export interface NormaliseWorkerData {
  path: string;
  /** a byte offset in the file; the worker starts at the first line after it */
  from: number;
  kind: number;
  value: number;
  options: NormaliseOptions;
  /**
   * true: the loader replaces card numbers by their tokens keyed with `options.panHashKey`, so the
   * worker does the same to a value before normalising it; false: the loader scrubs card numbers
   * some other way, and the worker leaves every value that holds one to the loader.
   */
  tokenisesCardNumbers: boolean;
  /** batches the loader has passed (shared memory): the worker waits while it is MAX_AHEAD batches ahead */
  consumed: Int32Array;
  /** where the loader's scan is, in KiB of the file (shared memory): rows behind it are of no use */
  loaderAt: Int32Array;
}

/**
 * One batch of normalised values: for row k, its byte offset in the file and its value as UTF-8
 * in bytes[starts[k], ends[k]), or starts[k] = -1 when the value is a placeholder.
 */
export interface NormalisedBatch {
  offsets: Float64Array;
  starts: Int32Array;
  ends: Int32Array;
  bytes: Uint8Array;
}

const BATCH_ROWS = 16_384;
/** How far past the loader the worker starts again once the loader has overtaken it. */
const LEAD_BYTES = 16 << 20;
/** Rows between two looks at where the loader is. */
const CHECK_ROWS = 256;
/** Batches posted but not yet passed by the loader, at most: about a million rows held in memory. */
const MAX_AHEAD = 64;

/**
 * The worker thread of NormaliseAhead: reads identifiers.csv from a byte offset and normalises
 * every row's value exactly as the loader's fast path would (card numbers tokenised first, as the
 * loader scrubs them from every value), posting batches in file order. The first line it reads
 * may begin inside a row; its results are only ever used for a row whose start offset the loader
 * itself found, so a misaligned start costs work, never correctness.
 */
async function run(data: NormaliseWorkerData): Promise<void> {
  const normalise = createNormaliser(data.options);
  const hashPan = createPanHasher(data.options.panHashKey);
  // raw kind spellings (a handful) → canonical kind, so that a row's kind is decoded once per spelling
  const rawKinds = new ByteTable(64);
  const kindOfRaw: (string | null)[] = [];
  // reused for every batch: a batch posts copies of them
  const offsets = new Float64Array(BATCH_ROWS);
  const starts = new Int32Array(BATCH_ROWS);
  const ends = new Int32Array(BATCH_ROWS);
  let bytes = Buffer.allocUnsafe(BATCH_ROWS * 48);
  let rows = 0;
  let used = 0;
  let posted = 0;
  const flush = () => {
    if (rows === 0) return;
    // wait (in short naps, so that terminating the worker never finds it stuck) for the loader
    for (let seen = Atomics.load(data.consumed, 0); posted - seen >= MAX_AHEAD; seen = Atomics.load(data.consumed, 0)) Atomics.wait(data.consumed, 0, seen, 100);
    posted++;
    const batch: NormalisedBatch = { offsets: offsets.slice(0, rows), starts: starts.slice(0, rows), ends: ends.slice(0, rows), bytes: Uint8Array.prototype.slice.call(bytes, 0, used) };
    parentPort!.postMessage(batch, [batch.offsets.buffer as ArrayBuffer, batch.starts.buffer as ArrayBuffer, batch.ends.buffer as ArrayBuffer, batch.bytes.buffer as ArrayBuffer]);
    rows = 0;
    used = 0;
  };
  // Read from `from`; once the loader's scan passes the row the worker is on (the loader then
  // normalises rows itself), start again a little way past the loader instead of doing rows the
  // loader has done, so that both threads stay busy on different rows.
  let from: number | null = data.from;
  let scanned = 0;
  while (from !== null) {
    const start = await firstLineAfter(data.path, from);
    if (start === null) break;
    let overtaken = -1;
    await scanCsv(
      data.path,
      // the first row read is taken as a header and skipped (the loader reads it itself); it is a
      // whole line, so its field count is what the rows after it are checked against
      () => undefined,
      (row) => {
        if (++scanned % CHECK_ROWS === 0) {
          const loader = Atomics.load(data.loaderAt, 0) * 1024;
          if (loader > row.offset) {
            overtaken = loader;
            return false;
          }
        }
        normaliseRow(row);
        return true;
      },
      undefined,
      start,
    );
    flush();
    from = overtaken === -1 ? null : overtaken + LEAD_BYTES;
  }

  function normaliseRow(row: CsvRow): void {
    if (row.problem !== null || row.count <= Math.max(data.kind, data.value)) return;
    const raw = rawKinds.intern(row.bytes, row.starts[data.kind]!, row.ends[data.kind]!);
    if (rawKinds.added) kindOfRaw.push(canonicalKind(rawKinds.text(raw)));
    const kind = kindOfRaw[raw]!;
    if (kind === null) return;
    let value = row.text(data.value);
    if (fieldMayHoldCardNumber(row, data.value)) {
      if (!data.tokenisesCardNumbers) return;
      value = replaceCardNumbers(value, hashPan);
    }
    const normalised = normalise(kind, value);
    offsets[rows] = row.offset;
    if (normalised === null) starts[rows] = -1;
    else {
      starts[rows] = used;
      if (used + normalised.value.length * 3 > bytes.length) {
        const bigger = Buffer.allocUnsafe(bytes.length * 2 + normalised.value.length * 3);
        bytes.copy(bigger, 0, 0, used);
        bytes = bigger;
      }
      used += bytes.write(normalised.value, used, 'utf8');
      ends[rows] = used;
    }
    if (++rows === BATCH_ROWS) flush();
  }
}

/** The offset just after the first line feed at or after `from`, or null at end of file. */
async function firstLineAfter(path: string, from: number): Promise<number | null> {
  for await (const chunk of createReadStream(path, { start: from, highWaterMark: 1 << 16 }) as AsyncIterable<Buffer>) {
    const at = chunk.indexOf(0x0a);
    if (at !== -1) return from + at + 1;
    from += chunk.length;
  }
  return null;
}

if (parentPort) {
  // any failure (a misaligned start that meets an unclosed quote, a read error) just ends the
  // work early: the loader normalises what the worker did not
  run(workerData as NormaliseWorkerData).catch(() => undefined).finally(() => parentPort!.postMessage('done'));
}
