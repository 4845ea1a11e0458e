/**
 * A set of 64-bit identifier ids, held as their two 32-bit halves (no BigInt per id): how many
 * distinct identifiers a streamed load linked, without holding their values. Ids are keyed
 * SHA-256 prefixes, so the low half alone spreads them over the slots.
 */
export class IdSet {
  private halves = new Int32Array(2 * 1024);
  private used = new Uint8Array(1024);
  private mask = 1023;
  size = 0;

  /** Adds the id (lo, hi); true when it was not in the set. */
  add(lo: number, hi: number): boolean {
    let slot = lo & this.mask;
    for (;;) {
      if (this.used[slot] === 0) break;
      if (this.halves[2 * slot] === lo && this.halves[2 * slot + 1] === hi) return false;
      slot = (slot + 1) & this.mask;
    }
    this.used[slot] = 1;
    this.halves[2 * slot] = lo;
    this.halves[2 * slot + 1] = hi;
    if (++this.size * 2 > this.used.length) this.grow();
    return true;
  }

  private grow(): void {
    const { halves, used } = this;
    this.halves = new Int32Array(2 * halves.length);
    this.used = new Uint8Array(2 * used.length);
    this.mask = this.used.length - 1;
    for (let s = 0; s < used.length; s++) {
      if (used[s] === 0) continue;
      let slot = halves[2 * s]! & this.mask;
      while (this.used[slot] !== 0) slot = (slot + 1) & this.mask;
      this.used[slot] = 1;
      this.halves[2 * slot] = halves[2 * s]!;
      this.halves[2 * slot + 1] = halves[2 * s + 1]!;
    }
  }
}
