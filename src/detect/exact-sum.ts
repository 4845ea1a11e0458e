/**
 * A sum of doubles that does not depend on the order they are added in: the exact sum, rounded
 * once (Shewchuk's partials, as Python's math.fsum). Detection run bucket by bucket adds each
 * bucket's accounts apart and the buckets in any order; a plain running sum would move in its
 * last bits with the partition, and a total rounded to two places with it, now and then.
 */
export class ExactSum {
  /** non-overlapping partial sums, smallest magnitude first; their exact sum is the total */
  private readonly partials: number[] = [];

  add(value: number): void {
    const partials = this.partials;
    let x = value;
    let kept = 0;
    for (let i = 0; i < partials.length; i++) {
      let y = partials[i]!;
      if (Math.abs(x) < Math.abs(y)) [x, y] = [y, x];
      const hi = x + y;
      const lo = y - (hi - x);
      if (lo !== 0) partials[kept++] = lo;
      x = hi;
    }
    partials.length = kept;
    partials.push(x);
  }

  /** The partial sums, to send to another process (fromPartials makes the same sum there). */
  partialSums(): number[] {
    return [...this.partials];
  }

  /** A sum made of partial sums another process sent (partialSums). */
  static fromPartials(partials: readonly number[]): ExactSum {
    const sum = new ExactSum();
    for (const p of partials) sum.add(p);
    return sum;
  }

  /** Adds everything another sum holds. */
  addSum(other: ExactSum): void {
    for (const p of other.partials) this.add(p);
  }

  /** The exact total, rounded to the nearest double (ties to even). */
  value(): number {
    const partials = this.partials;
    let n = partials.length;
    if (n === 0) return 0;
    let hi = partials[--n]!;
    let lo = 0;
    while (n > 0) {
      const x = hi;
      const y = partials[--n]!;
      hi = x + y;
      lo = y - (hi - x);
      if (lo !== 0) break;
    }
    // a remainder exactly half an ulp away rounds to even only if the partials below do not tip it
    if (n > 0 && ((lo < 0 && partials[n - 1]! < 0) || (lo > 0 && partials[n - 1]! > 0))) {
      const y = lo * 2;
      const x = hi + y;
      if (y === x - hi) hi = x;
    }
    return hi;
  }
}
