/**
 * Identifier rows waiting to be interned, in file order, with their normalised values copied in.
 *
 * Interning one row at a time, each probe into a table of millions of values misses the cache,
 * and the CPU cannot start the next probe before it has hashed the next value, so the misses
 * are paid one after the other. A batch hashes all its values first, then reads the slot each
 * probe starts at in a tight loop whose misses overlap, then interns them in order (ids are
 * those of one row at a time): about 2× faster per value on a table of 5M (bench/README.md).
 */
export class LinkBatch {
  static readonly ROWS = 512;
  readonly account = new Int32Array(LinkBatch.ROWS);
  readonly kind = new Int32Array(LinkBatch.ROWS);
  readonly start = new Int32Array(LinkBatch.ROWS);
  readonly end = new Int32Array(LinkBatch.ROWS);
  readonly hash = new Int32Array(LinkBatch.ROWS);
  readonly firstSeen = new Float64Array(LinkBatch.ROWS);
  readonly lastSeen = new Float64Array(LinkBatch.ROWS);
  bytes = Buffer.allocUnsafe(LinkBatch.ROWS * 64);
  size = 0;
  private used = 0;

  /** Queues a row; true when the batch is full and must be interned before the next add. */
  add(account: number, kind: number, bytes: Uint8Array, start: number, end: number, firstSeen: number, lastSeen: number): boolean {
    const length = end - start;
    if (this.used + length > this.bytes.length) {
      const bigger = Buffer.allocUnsafe(2 * this.bytes.length + length);
      this.bytes.copy(bigger, 0, 0, this.used);
      this.bytes = bigger;
    }
    const out = this.bytes;
    let at = this.used;
    for (let i = start; i < end; i++) out[at++] = bytes[i]!;
    const row = this.size++;
    this.account[row] = account;
    this.kind[row] = kind;
    this.start[row] = this.used;
    this.end[row] = at;
    this.firstSeen[row] = firstSeen;
    this.lastSeen[row] = lastSeen;
    this.used = at;
    return this.size === LinkBatch.ROWS;
  }

  clear(): void {
    this.size = 0;
    this.used = 0;
  }
}
