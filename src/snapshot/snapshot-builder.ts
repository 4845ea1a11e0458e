import { Float64Builder, Int32Builder } from './growable.js';
import { Interner, ownString } from './interner.js';
import type { Normalised } from '../normalise/normalise-identifier.js';
import { ByteTable, hashBytes } from './byte-table.js';
import { LinkBatch } from './link-batch.js';
import type { BuilderSinks } from './builder-sinks.js';
import type { IdentifierValues } from './identifier-values.js';
import type { AheadValue } from './normalise-ahead.js';
import { TransactionStatus, type Snapshot, type TableStats } from './snapshot.js';
import { canonicalKind, STATUS_PATTERN } from './table-schemas.js';

/** Kind of a raw kind spelling that is not a valid kind (the row takes the general path). */
export const INVALID = -1;

/**
 * The interned state of a snapshot while it loads. Every table reader feeds it, whether it has a
 * row's fields as bytes (CSV) or as strings (NDJSON, Arrow, Parquet, and CSV rows off the fast
 * path), and both ways reach the same tables, so ids do not depend on the path a row took.
 *
 * With sinks (BuilderSinks), links and transactions go to them as they are read instead of being
 * held: identifier values are then not interned, and the Snapshot it finishes holds none.
 *
 * Strings kept are made once per distinct value: account ids, normalised identifier values,
 * account property values. The tables behind them are typed arrays (ByteTable), not Maps.
 */
export class SnapshotBuilder {
  private readonly accountTable: ByteTable;
  readonly accountIds: string[] = [];
  private readonly createdAt: Float64Builder;
  private readonly propertyKeys = new Interner();
  private readonly propertyValues = new ByteTable(1024);
  private readonly propertyText: string[] = [];
  readonly properties = new Map<string, string[]>();
  label: Int8Array = new Int8Array(0);

  /** raw kind spellings (as in the file) → internal kind, or INVALID */
  private readonly rawKinds = new ByteTable(64);
  private readonly rawKindOf: number[] = [];
  /** internal kinds: canonical kind names, in first-seen order */
  private readonly internalKinds = new Interner();
  /** internal kind → public kind id (assigned when the kind first links), or -1 */
  private readonly publicKindOf: number[] = [];
  private readonly kinds = new Interner();
  private readonly normalisedValues: ByteTable;
  private readonly identifierKind: Int32Builder;
  private readonly linkAccount: Int32Builder;
  private readonly linkIdentifier: Int32Builder;
  private readonly firstSeen: Float64Builder;
  private readonly lastSeen: Float64Builder;
  placeholderRows = 0;

  private readonly rawStatuses = new ByteTable(16);
  private readonly statusOfRaw: number[] = [];
  private readonly txAccount: Int32Builder;
  private readonly txCounterparty: Int32Builder;
  private readonly txAmount: Float64Builder;
  private readonly txStatus: Int32Builder;
  private readonly txCreatedAt: Float64Builder;

  private scratch = Buffer.allocUnsafe(1 << 16);

  /** `expected` sizes the tables up front (growing them costs copies and rehashing). */
  constructor(
    private readonly normalise: (kind: string, raw: string) => Normalised,
    expected: ExpectedRows = { accounts: 1024, identifiers: 1024, transactions: 1024 },
    private readonly sinks: BuilderSinks = {},
  ) {
    const accounts = Math.max(1024, expected.accounts);
    // what goes to a sink is never held: its tables stay at their smallest
    const identifiers = sinks.links ? 1024 : Math.max(1024, expected.identifiers);
    const transactions = sinks.transactions ? 1024 : Math.max(1024, expected.transactions);
    this.accountTable = new ByteTable(accounts);
    this.normalisedValues = new ByteTable(identifiers);
    // The columns get twice the estimate: growing one copies it into fresh memory, while the tail
    // a column never reaches is never touched and holds no memory.
    this.createdAt = new Float64Builder(2 * accounts);
    this.identifierKind = new Int32Builder(2 * identifiers);
    this.linkAccount = new Int32Builder(2 * identifiers);
    this.linkIdentifier = new Int32Builder(2 * identifiers);
    this.firstSeen = new Float64Builder(2 * identifiers);
    this.lastSeen = new Float64Builder(2 * identifiers);
    this.txAccount = new Int32Builder(2 * transactions);
    this.txCounterparty = new Int32Builder(2 * transactions);
    this.txAmount = new Float64Builder(2 * transactions);
    this.txStatus = new Int32Builder(2 * transactions);
    this.txCreatedAt = new Float64Builder(2 * transactions);
  }

  get accountCount(): number {
    return this.accountIds.length;
  }

  // ── accounts ────────────────────────────────────────────────────────────────────────────────

  /**
   * The account of a trimmed id held as bytes, or -1. The last id looked up is remembered: an
   * export lists an account's identifiers together, and comparing a few bytes is much cheaper than
   * a probe into a table of 10M accounts (a cache miss).
   */
  accountOfBytes(b: Uint8Array, start: number, end: number): number {
    const length = end - start;
    const last = this.lastAccountBytes;
    if (length === this.lastAccountLength) {
      let same = true;
      for (let i = 0; i < length; i++) {
        if (last[i] !== b[start + i]) {
          same = false;
          break;
        }
      }
      if (same) return this.lastAccount;
    }
    const account = this.accountTable.lookup(b, start, end);
    if (account !== -1 && length <= last.length) {
      for (let i = 0; i < length; i++) last[i] = b[start + i]!;
      this.lastAccountLength = length;
      this.lastAccount = account;
    }
    return account;
  }
  private readonly lastAccountBytes = new Uint8Array(256);
  private lastAccountLength = -1;
  private lastAccount = -1;
  accountOf(id: string): number {
    const n = this.encode(id);
    return this.accountTable.lookup(this.scratch, 0, n);
  }
  /** Adds an account that lookup said is new; returns its index. */
  addAccountBytes(b: Uint8Array, start: number, end: number, id: string, createdAt: number): number {
    const index = this.accountTable.intern(b, start, end);
    this.accountIds.push(id);
    this.createdAt.push(createdAt);
    return index;
  }
  addAccount(id: string, createdAt: number): number {
    const n = this.encode(id);
    return this.addAccountBytes(this.scratch, 0, n, ownString(id), createdAt);
  }
  /** The id of an account property column (for the byte path to pass to setPropertyBytes). */
  propertyKey(key: string): number {
    const id = this.propertyKeys.intern(key);
    if (!this.properties.has(key)) this.properties.set(key, []);
    return id;
  }
  setPropertyBytes(key: number, account: number, b: Uint8Array, start: number, end: number): void {
    const id = this.propertyValues.intern(b, start, end, key);
    if (this.propertyValues.added) this.propertyText.push(this.propertyValues.text(id));
    this.properties.get(this.propertyKeys.values[key]!)![account] = this.propertyText[id]!;
  }
  setProperty(key: string, account: number, value: string): void {
    const n = this.encode(value);
    this.setPropertyBytes(this.propertyKey(key), account, this.scratch, 0, n);
  }
  finishAccounts(): void {
    const size = this.accountIds.length;
    for (const column of this.properties.values()) for (let i = 0; i < size; i++) column[i] ??= '';
    this.label = new Int8Array(size);
  }

  // ── identifiers ─────────────────────────────────────────────────────────────────────────────

  /** The internal kind of a raw kind spelling held as bytes, or INVALID. */
  kindOfBytes(b: Uint8Array, start: number, end: number): number {
    const raw = this.rawKinds.intern(b, start, end);
    if (this.rawKinds.added) {
      const kind = canonicalKind(this.rawKinds.text(raw));
      this.rawKindOf.push(kind !== null ? this.internalKinds.intern(kind) : INVALID);
    }
    return this.rawKindOf[raw]!;
  }
  /** The internal kind of a kind that is already valid and canonical. */
  kindOf(kind: string): number {
    return this.internalKinds.intern(kind);
  }

  /** Links an account to the identifier (internal kind, raw value as bytes). */
  linkBytes(account: number, kind: number, b: Buffer, start: number, end: number, firstSeen: number, lastSeen: number): void {
    this.linkValue(account, kind, b.toString('utf8', start, end), firstSeen, lastSeen);
  }
  /**
   * Every row's value is normalised; only the normalised value is interned. Interning the raw
   * value first, to normalise each distinct one once, measured slower and larger on snapshots
   * where most raw values are distinct (bench/README.md).
   */
  linkValue(account: number, kind: number, value: string, firstSeen: number, lastSeen: number): void {
    const normalised = this.normalise(this.internalKinds.values[kind]!, value);
    if (normalised === null) this.placeholderRows++;
    else this.queueLink(account, kind, this.scratch, 0, this.encode(normalised.value), firstSeen, lastSeen);
  }
  /** Links an account to a value already normalised (NormaliseAhead): its UTF-8 bytes, or null for a placeholder. */
  linkNormalised(account: number, kind: number, value: AheadValue, firstSeen: number, lastSeen: number): void {
    if (value === null) this.placeholderRows++;
    else this.queueLink(account, kind, value.bytes, value.start, value.end, firstSeen, lastSeen);
  }
  /** Links are interned a batch at a time (LinkBatch), in file order: the ids are those of one row at a time. */
  private queueLink(account: number, kind: number, bytes: Uint8Array, start: number, end: number, firstSeen: number, lastSeen: number): void {
    if (this.pendingLinks.add(account, kind, bytes, start, end, firstSeen, lastSeen)) this.internLinks();
  }
  private readonly pendingLinks = new LinkBatch();
  /** kept only so that the prefetching reads are not optimised away */
  private prefetched = 0;
  private internLinks(): void {
    const batch = this.pendingLinks;
    if (this.sinks.links) {
      const kinds = this.batchKinds;
      for (let r = 0; r < batch.size; r++) kinds[r] = this.publicKind(batch.kind[r]!);
      this.sinks.links.take(batch, kinds, this.kinds.values);
      batch.clear();
      return;
    }
    const { bytes, start, end, kind, hash } = batch;
    const values = this.normalisedValues;
    for (let r = 0; r < batch.size; r++) hash[r] = hashBytes(bytes, start[r]!, end[r]!, kind[r]!);
    let touched = 0;
    for (let r = 0; r < batch.size; r++) touched += values.prefetch(hash[r]!);
    this.prefetched += touched;
    for (let r = 0; r < batch.size; r++) {
      const identifier = values.internHashed(bytes, start[r]!, end[r]!, kind[r]!, hash[r]!);
      if (values.added) this.identifierKind.push(this.publicKind(kind[r]!));
      this.linkAccount.push(batch.account[r]!);
      this.linkIdentifier.push(identifier);
      this.firstSeen.push(batch.firstSeen[r]!);
      this.lastSeen.push(batch.lastSeen[r]!);
    }
    batch.clear();
  }
  private readonly batchKinds = new Int32Array(LinkBatch.ROWS);
  /** The public kind id of an internal kind, assigned when the kind first links. */
  private publicKind(kind: number): number {
    let publicKind = this.publicKindOf[kind] ?? -1;
    if (publicKind === -1) this.publicKindOf[kind] = publicKind = this.kinds.intern(this.internalKinds.values[kind]!);
    return publicKind;
  }

  // ── transactions ────────────────────────────────────────────────────────────────────────────

  /** The status code of a raw status spelling held as bytes, or INVALID. */
  statusOfBytes(b: Uint8Array, start: number, end: number): number {
    const raw = this.rawStatuses.intern(b, start, end);
    if (this.rawStatuses.added) {
      const status = this.rawStatuses.text(raw).trim().toLowerCase();
      this.statusOfRaw.push(STATUS_PATTERN.test(status) ? statusCode(status) : INVALID);
    }
    return this.statusOfRaw[raw]!;
  }
  addTransaction(account: number, counterparty: number, amount: number, status: number, createdAt: number): void {
    if (this.sinks.transactions) {
      this.sinks.transactions.add(account, counterparty, amount, status, createdAt);
      return;
    }
    this.txAccount.push(account);
    this.txCounterparty.push(counterparty);
    this.txAmount.push(amount);
    this.txStatus.push(status);
    this.txCreatedAt.push(createdAt);
  }

  // ── the result ──────────────────────────────────────────────────────────────────────────────

  /** Bytes held in typed-array tables (the interning cost in the memory model). */
  get tableBytes(): number {
    return this.accountTable.bytes + this.normalisedValues.bytes + this.propertyValues.bytes;
  }

  finish(tables: TableStats[]): Snapshot {
    this.internLinks();
    return {
      accounts: { ids: this.accountIds, createdAt: this.createdAt.finish(), properties: this.properties, label: this.label },
      identifiers: { kinds: this.kinds.values, kindOf: this.identifierKind.finish(), values: this.identifierValueTable() },
      links: { account: this.linkAccount.finish(), identifier: this.linkIdentifier.finish(), firstSeen: this.firstSeen.finish(), lastSeen: this.lastSeen.finish() },
      transactions: {
        account: this.txAccount.finish(),
        counterparty: this.txCounterparty.finish(),
        amount: this.txAmount.finish(),
        status: new Uint8Array(this.txStatus.finish()),
        createdAt: this.txCreatedAt.finish(),
      },
      tables,
      placeholderRows: this.placeholderRows,
    };
  }

  /** The normalised values, read from the intern table's bytes when asked for (without its hash slots). */
  private identifierValueTable(): IdentifierValues {
    return this.normalisedValues.texts();
  }

  /** Writes s as UTF-8 into the scratch buffer; returns its byte length. */
  private encode(s: string): number {
    if (this.scratch.length < s.length * 3) this.scratch = Buffer.allocUnsafe(s.length * 3 + 1024);
    return this.scratch.write(s, 0, 'utf8');
  }
}

/** Row counts to size the tables for; an estimate (from file sizes) is enough. */
export interface ExpectedRows {
  accounts: number;
  identifiers: number;
  transactions: number;
}

export function statusCode(status: string): number {
  return Object.hasOwn(TransactionStatus, status) ? TransactionStatus[status as keyof typeof TransactionStatus] : TransactionStatus.other;
}
