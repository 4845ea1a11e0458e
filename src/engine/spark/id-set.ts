/**
 * A set of 64-bit identifier ids, held as their two 32-bit halves in one Int32Array (no BigInt
 * per id, 8 bytes a slot, at most 4/5 full): how many distinct identifiers a streamed load linked,
 * without holding their values. Ids are keyed SHA-256 prefixes, so the low half alone spreads them
 * over the slots. The slot (0, 0) is empty; the id 0 is remembered apart.
 */
export class IdSet {
  private halves = new Int32Array(2 * 1024);
  private mask = 1023;
  private hasZero = false;
  size = 0;

  /** Adds the id (lo, hi); true when it was not in the set. */
  add(lo: number, hi: number): boolean {
    if (lo === 0 && hi === 0) {
      if (this.hasZero) return false;
      this.hasZero = true;
      this.size++;
      return true;
    }
    const halves = this.halves;
    let slot = lo & this.mask;
    for (;;) {
      const l = halves[2 * slot]!;
      const h = halves[2 * slot + 1]!;
      if (l === 0 && h === 0) break;
      if (l === lo && h === hi) return false;
      slot = (slot + 1) & this.mask;
    }
    halves[2 * slot] = lo;
    halves[2 * slot + 1] = hi;
    if (++this.size * 5 > 4 * (this.mask + 1)) this.grow();
    return true;
  }

  private grow(): void {
    const old = this.halves;
    this.halves = new Int32Array(2 * old.length);
    this.mask = old.length - 1;
    for (let s = 0; s < old.length; s += 2) {
      const lo = old[s]!;
      const hi = old[s + 1]!;
      if (lo === 0 && hi === 0) continue;
      let slot = lo & this.mask;
      while (this.halves[2 * slot] !== 0 || this.halves[2 * slot + 1] !== 0) slot = (slot + 1) & this.mask;
      this.halves[2 * slot] = lo;
      this.halves[2 * slot + 1] = hi;
    }
  }
}
