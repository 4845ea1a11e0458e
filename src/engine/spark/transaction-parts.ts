import { join } from 'node:path';
import type { TransactionSink } from '../../snapshot/builder-sinks.js';
import { PART_ROWS, partName, writeTransactionPart } from './write-parts.js';

/** The transactions parts, written as the snapshot streams in (a SnapshotBuilder's transaction sink): those writeParts writes. */
export class TransactionParts implements TransactionSink {
  private readonly account: Int32Array;
  private readonly counterparty: Int32Array;
  private readonly amount: Float64Array;
  private readonly status: Uint8Array;
  private readonly createdAt: Float64Array;
  private rows = 0;
  private parts = 0;
  /** transactions written so far: the next one's row */
  written = 0;

  constructor(
    private readonly folder: string,
    /** rows per part (PART_ROWS; fewer in tests, for many parts) */
    private readonly partRows = PART_ROWS,
  ) {
    this.account = new Int32Array(partRows);
    this.counterparty = new Int32Array(partRows);
    this.amount = new Float64Array(partRows);
    this.status = new Uint8Array(partRows);
    this.createdAt = new Float64Array(partRows);
  }

  /** the transactions taken so far */
  get count(): number {
    return this.written + this.rows;
  }

  add(account: number, counterparty: number, amount: number, status: number, createdAt: number): void {
    const r = this.rows++;
    this.account[r] = account;
    this.counterparty[r] = counterparty;
    this.amount[r] = amount;
    this.status[r] = status;
    this.createdAt[r] = createdAt;
    if (this.rows === this.partRows) this.flush();
  }

  /** Writes what is left (an empty table still gets one part, its schema). */
  finish(): void {
    if (this.rows > 0 || this.parts === 0) this.flush();
  }

  private flush(): void {
    const n = this.rows;
    writeTransactionPart(join(this.folder, partName(this.parts++)), this.written, {
      account: this.account.subarray(0, n),
      counterparty: this.counterparty.subarray(0, n),
      amount: this.amount.subarray(0, n),
      status: this.status.subarray(0, n),
      createdAt: this.createdAt.subarray(0, n),
    });
    this.written += n;
    this.rows = 0;
  }
}
