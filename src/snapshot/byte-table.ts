/**
 * Interns byte strings (slices of a Buffer) to dense integer ids, 0, 1, 2, … in first-seen order.
 *
 * The keys live in one growing byte arena and the slots in an Int32Array, so millions of
 * distinct keys cost a few typed arrays instead of millions of JS strings in a Map: nothing for
 * the garbage collector to trace, and no string is made for a key that was seen before. Open
 * addressing with linear probing; FNV-1a hashes, kept in the slot beside the id, so a probe reads
 * one cache line until a hash matches and growing never rehashes bytes.
 */
export class ByteTable {
  /** pairs of (hash, id); id -1 marks an empty slot */
  private slots: Int32Array;
  private mask: number;
  private starts: Float64Array;
  private lengths: Int32Array;
  private tags: Int32Array;
  private arena: Buffer;
  private used = 0;
  size = 0;

  constructor(expected = 1024) {
    let capacity = 16;
    while (capacity < expected * 2) capacity *= 2;
    this.slots = new Int32Array(capacity * 2).fill(-1);
    this.mask = capacity - 1;
    const entries = Math.max(16, expected);
    this.starts = new Float64Array(entries);
    this.lengths = new Int32Array(entries);
    this.tags = new Int32Array(entries);
    // generous: growing copies the arena into fresh memory; bytes never written are never touched
    this.arena = Buffer.allocUnsafe(Math.max(1 << 16, entries * 32));
  }

  /** The id of bytes[start, end) under tag (a number that splits one table into namespaces), or -1. */
  lookup(bytes: Uint8Array, start: number, end: number, tag = 0): number {
    const hash = hashBytes(bytes, start, end, tag);
    const length = end - start;
    const slots = this.slots;
    let slot = hash & this.mask;
    for (;;) {
      const id = slots[2 * slot + 1]!;
      if (id === -1) return -1;
      if (slots[2 * slot] === hash && this.lengths[id] === length && this.tags[id] === tag && this.equals(id, bytes, start)) return id;
      slot = (slot + 1) & this.mask;
    }
  }

  /** The id of the key, assigning the next one when it is new; `added` tells which. */
  intern(bytes: Uint8Array, start: number, end: number, tag = 0): number {
    return this.internHashed(bytes, start, end, tag, hashBytes(bytes, start, end, tag));
  }

  /**
   * Reads the slot where the probe for a key of this hash starts (and the length of the key
   * there), so that its cache lines are loaded when internHashed() comes. Called for a batch of
   * keys in a tight loop, the reads' cache misses overlap instead of being paid one after the
   * other. Returns a number only so that the reads cannot be optimised away.
   */
  prefetch(hash: number): number {
    const id = this.slots[2 * (hash & this.mask) + 1]!;
    return id === -1 ? 0 : this.lengths[id]!;
  }

  /**
   * intern() with the key's hash (`hashBytes`) computed beforehand: a caller that hashes a batch of
   * keys first and then interns them in a tight loop lets the CPU overlap the probes' cache misses.
   */
  internHashed(bytes: Uint8Array, start: number, end: number, tag: number, hash: number): number {
    const length = end - start;
    const slots = this.slots;
    let slot = hash & this.mask;
    for (;;) {
      const id = slots[2 * slot + 1]!;
      if (id === -1) break;
      if (slots[2 * slot] === hash && this.lengths[id] === length && this.tags[id] === tag && this.equals(id, bytes, start)) {
        this.added = false;
        return id;
      }
      slot = (slot + 1) & this.mask;
    }
    const id = this.size++;
    if (id === this.lengths.length) this.growEntries();
    if (this.used + length > this.arena.length) this.growArena(length);
    const arena = this.arena;
    // a loop, not set(subarray()): keys are short, and subarray allocates a view per key
    for (let i = start, at = this.used; i < end; i++) arena[at++] = bytes[i]!;
    this.tags[id] = tag;
    this.starts[id] = this.used;
    this.lengths[id] = length;
    this.used += length;
    slots[2 * slot] = hash;
    slots[2 * slot + 1] = id;
    if (this.size * 4 > this.slots.length) this.growSlots();
    this.added = true;
    return id;
  }

  /** Whether the last intern() call added a new key. */
  added = false;

  /** The key of id as UTF-8 text. */
  text(id: number): string {
    const start = this.starts[id]!;
    return this.arena.toString('utf8', start, start + this.lengths[id]!);
  }

  /**
   * The keys' text by id, for when interning is done: the reader holds the key bytes and their
   * offsets only, so the hash slots (a gigabyte at 10M accounts) can go with the table.
   */
  texts(): { readonly length: number; at(id: number): string } {
    const { arena, starts, lengths, size } = this;
    return { length: size, at: (id) => arena.toString('utf8', starts[id]!, starts[id]! + lengths[id]!) };
  }

  /** Bytes held by the table, for the memory model. */
  get bytes(): number {
    return this.slots.byteLength + this.starts.byteLength + this.lengths.byteLength + this.tags.byteLength + this.arena.length;
  }

  private equals(id: number, bytes: Uint8Array, start: number): boolean {
    let at = this.starts[id]!;
    const end = at + this.lengths[id]!;
    const arena = this.arena;
    for (let i = start; at < end; i++) if (arena[at++] !== bytes[i]) return false;
    return true;
  }

  private growEntries(): void {
    const n = this.lengths.length * 2;
    const starts = new Float64Array(n);
    starts.set(this.starts);
    this.starts = starts;
    const lengths = new Int32Array(n);
    lengths.set(this.lengths);
    this.lengths = lengths;
    const tags = new Int32Array(n);
    tags.set(this.tags);
    this.tags = tags;
  }

  private growArena(need: number): void {
    // 1.5× rather than 2×: at 10M accounts the arena holds gigabytes, and the copy briefly doubles it
    let n = Math.ceil(this.arena.length * 1.5);
    while (n < this.used + need) n = Math.ceil(n * 1.5);
    const arena = Buffer.allocUnsafe(n);
    this.arena.copy(arena, 0, 0, this.used);
    this.arena = arena;
  }

  private growSlots(): void {
    const old = this.slots;
    const capacity = old.length; // twice the slots: the array holds two numbers per slot
    const slots = new Int32Array(capacity * 2).fill(-1);
    const mask = capacity - 1;
    for (let s = 0; s < old.length; s += 2) {
      if (old[s + 1] === -1) continue;
      let slot = old[s]! & mask;
      while (slots[2 * slot + 1] !== -1) slot = (slot + 1) & mask;
      slots[2 * slot] = old[s]!;
      slots[2 * slot + 1] = old[s + 1]!;
    }
    this.slots = slots;
    this.mask = mask;
  }
}

/** The hash intern() uses for a key: FNV-1a over the tag and the bytes, with a final avalanche so that linear probing spreads. */
export function hashBytes(bytes: Uint8Array, start: number, end: number, tag: number): number {
  let h = Math.imul(0x811c9dc5 ^ tag, 0x01000193);
  for (let i = start; i < end; i++) h = Math.imul(h ^ bytes[i]!, 0x01000193);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  return h & 0x7fffffff;
}
