import { Worker } from 'node:worker_threads';
import type { NormaliseOptions } from '../normalise/normalise-identifier.js';
import type { NormalisedBatch, NormaliseWorkerData } from './normalise-worker.js';

/** The share of identifiers.csv the loader reads alone before the worker's results take over. */
const WORKER_START = 0.05;

/** A value normalised ahead: its UTF-8 bytes (a view, valid until the next call), or null for a placeholder. */
export type AheadValue = { bytes: Uint8Array; start: number; end: number } | null;

/**
 * Normalising identifier values on a second core: a worker thread reads identifiers.csv from a
 * little way in and normalises every row's value, while the loader scans the file from the start.
 * The loader asks for a row by its byte offset; a row the worker has not reached, or whose offset
 * the worker never saw (it started inside a row, or the row is not plain), is normalised by the
 * loader as before. The snapshot is the same either way; only the time differs.
 */
export class NormaliseAhead {
  private readonly worker: Worker;
  private readonly queue: NormalisedBatch[] = [];
  private row = 0;
  /** batches the loader is done with, shared with the worker so that it never runs far ahead */
  private readonly consumed = new Int32Array(new SharedArrayBuffer(4));
  /** where the loader is, in KiB of the file, shared with the worker so that it skips rows the loader has done */
  private readonly loaderAt = new Int32Array(new SharedArrayBuffer(4));
  private asked = 0;
  /** settles when the worker has posted its last batch or stopped */
  readonly finished: Promise<void>;

  /** `tokenisesCardNumbers`: see NormaliseWorkerData; without it the loader does values holding a card number */
  constructor(path: string, bytes: number, kind: number, value: number, options: NormaliseOptions, tokenisesCardNumbers = false) {
    const data: NormaliseWorkerData = { path, from: Math.floor(bytes * WORKER_START), kind, value, options, tokenisesCardNumbers, consumed: this.consumed, loaderAt: this.loaderAt };
    const url = new URL(`./normalise-worker${import.meta.url.endsWith('.ts') ? '.ts' : '.js'}`, import.meta.url);
    // under the test runner the sources are TypeScript: the worker registers tsx before loading them
    const boot = `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(url.href)}); })`;
    this.worker = url.pathname.endsWith('.ts') ? new Worker(boot, { eval: true, workerData: data }) : new Worker(url, { workerData: data });
    this.finished = new Promise((resolve) => {
      this.worker.on('message', (message: NormalisedBatch | 'done') => {
        if (message === 'done') resolve();
        else this.queue.push(message);
      });
      // the loader normalises what the worker did not
      this.worker.on('error', () => resolve());
      this.worker.on('exit', () => resolve());
    });
    this.worker.unref();
  }

  /** The value of the row starting at `offset`, if the worker normalised it; undefined if not. */
  take(offset: number): AheadValue | undefined {
    if ((++this.asked & 255) === 0) Atomics.store(this.loaderAt, 0, Math.floor(offset / 1024));
    for (;;) {
      const batch = this.queue[0];
      if (!batch) return undefined;
      while (this.row < batch.offsets.length && batch.offsets[this.row]! < offset) this.row++;
      if (this.row === batch.offsets.length) {
        this.queue.shift();
        this.row = 0;
        Atomics.add(this.consumed, 0, 1);
        Atomics.notify(this.consumed, 0);
        continue;
      }
      if (batch.offsets[this.row] !== offset) return undefined;
      const r = this.row++;
      const start = batch.starts[r]!;
      if (start === -1) return null;
      const end = batch.ends[r]!;
      return { bytes: batch.bytes, start, end };
    }
  }

  async close(): Promise<void> {
    await this.worker.terminate();
  }
}
