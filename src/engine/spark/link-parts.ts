import { hash } from 'node:crypto';
import { join } from 'node:path';
import type { LinkSink } from '../../snapshot/builder-sinks.js';
import { ByteTable } from '../../snapshot/byte-table.js';
import type { LinkBatch } from '../../snapshot/link-batch.js';
import { identifierIdPrefix } from './identifier-ids.js';
import { PART_ROWS, partName, writeLinkPart, writeValuePart } from './write-parts.js';

/**
 * The links parts and the identifier values parts, written as the snapshot streams in (a
 * SnapshotBuilder's link sink): each link's identifier id is the keyed hash of (kind, normalised
 * value) that identifierIds gives, and its `row` is its index among the snapshot's links, so the
 * parts are those writeParts writes from the whole Snapshot. A value goes to the values parts the
 * first time its values part meets it: it may repeat across parts (the job takes them distinct).
 * Only a part's rows are held: the job counts the distinct identifiers.
 */
export class LinkParts implements LinkSink {
  private readonly prefixes: Buffer[] = [];
  private message = Buffer.alloc(4096);

  // the links part being filled
  private readonly account: Int32Array;
  private readonly identifier: BigInt64Array;
  private readonly identifierHalves: Int32Array;
  private readonly kind: Int32Array;
  private readonly firstSeen: Float64Array;
  private readonly lastSeen: Float64Array;
  private rows = 0;
  private linkParts = 0;
  /** links written so far: the next link's row */
  links = 0;

  // the values part being filled, and its values by (kind, value bytes): no string for a value it already has
  private readonly valueId: BigInt64Array;
  private readonly valueHalves: Int32Array;
  private readonly valueKind: Int32Array;
  private valueText: string[] = [];
  private valueOf: ByteTable;
  private valueParts = 0;

  constructor(
    private readonly key: Buffer,
    private readonly folders: { links: string; identifierValues: string },
    /** rows per part (PART_ROWS; fewer in tests, for many parts) */
    private readonly partRows = PART_ROWS,
  ) {
    this.account = new Int32Array(partRows);
    this.identifier = new BigInt64Array(partRows);
    this.identifierHalves = new Int32Array(this.identifier.buffer);
    this.kind = new Int32Array(partRows);
    this.firstSeen = new Float64Array(partRows);
    this.lastSeen = new Float64Array(partRows);
    this.valueId = new BigInt64Array(partRows);
    this.valueHalves = new Int32Array(this.valueId.buffer);
    this.valueKind = new Int32Array(partRows);
    this.valueOf = new ByteTable(partRows);
  }

  take(batch: LinkBatch, kinds: Int32Array, kindNames: readonly string[]): void {
    const { bytes, start, end } = batch;
    for (let r = 0; r < batch.size; r++) {
      const kind = kinds[r]!;
      if (this.valueText.length === this.partRows && this.valueOf.lookup(bytes, start[r]!, end[r]!, kind) === -1) this.flushValues();
      // ids are dense in first-seen order: a new value's id is its row in the values part
      const value = this.valueOf.intern(bytes, start[r]!, end[r]!, kind);
      if (this.valueOf.added) {
        this.hashInto(this.valueHalves, value, kind, kindNames, bytes, start[r]!, end[r]!);
        this.valueKind[value] = kind;
        this.valueText.push(bytes.toString('utf8', start[r]!, end[r]!));
      }
      const row = this.rows++;
      this.account[row] = batch.account[r]!;
      this.identifierHalves[2 * row] = this.valueHalves[2 * value]!;
      this.identifierHalves[2 * row + 1] = this.valueHalves[2 * value + 1]!;
      this.kind[row] = kind;
      this.firstSeen[row] = batch.firstSeen[r]!;
      this.lastSeen[row] = batch.lastSeen[r]!;
      if (this.rows === this.partRows) this.flushLinks();
    }
  }

  /** Writes what is left (an empty table still gets one part, its schema). */
  finish(): void {
    if (this.rows > 0 || this.linkParts === 0) this.flushLinks();
    if (this.valueText.length > 0 || this.valueParts === 0) this.flushValues();
  }

  /** The id of (kind, value bytes) into halves[2i], halves[2i + 1]: the first 8 bytes of the digest, little-endian, as identifierIds reads them. */
  private hashInto(halves: Int32Array, i: number, kind: number, kindNames: readonly string[], bytes: Uint8Array, start: number, end: number): void {
    const prefix = (this.prefixes[kind] ??= identifierIdPrefix(this.key, kindNames[kind]!));
    const length = prefix.length + end - start;
    if (length > this.message.length) this.message = Buffer.alloc(2 * length);
    prefix.copy(this.message, 0);
    this.message.set(bytes.subarray(start, end), prefix.length);
    const digest = hash('sha256', this.message.subarray(0, length), 'buffer');
    halves[2 * i] = digest.readInt32LE(0);
    halves[2 * i + 1] = digest.readInt32LE(4);
  }

  private flushLinks(): void {
    const n = this.rows;
    writeLinkPart(join(this.folders.links, partName(this.linkParts++)), this.links, {
      account: this.account.subarray(0, n),
      identifier: this.identifier.subarray(0, n),
      kind: this.kind.subarray(0, n),
      firstSeen: this.firstSeen.subarray(0, n),
      lastSeen: this.lastSeen.subarray(0, n),
    });
    this.links += n;
    this.rows = 0;
  }

  private flushValues(): void {
    const n = this.valueText.length;
    writeValuePart(join(this.folders.identifierValues, partName(this.valueParts++)), this.valueId.subarray(0, n), this.valueKind.subarray(0, n), this.valueText);
    this.valueText = [];
    this.valueOf = new ByteTable(this.partRows);
  }
}
