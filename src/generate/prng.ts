/**
 * sfc32 ("small fast chaotic"), seeded through a murmur3 finaliser. Every random choice in the
 * generator goes through one of these, so a seed reproduces a snapshot byte for byte.
 *
 * Streams are cheap to create: each account, household, ring or hub gets its own stream derived
 * from (seed, stream id, entity index), so what one entity draws never shifts another entity's
 * values, and the emitter can visit accounts in any order.
 */
export class Prng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  private constructor(a: number, b: number, c: number, d: number) {
    this.a = a | 0;
    this.b = b | 0;
    this.c = c | 0;
    this.d = d | 0;
    for (let i = 0; i < 12; i++) this.next();
  }

  /** A stream keyed by any number of integers (seed first by convention). */
  static from(...keys: number[]): Prng {
    const h = hashKeys(keys);
    return new Prng(fmix32(h ^ 0x243f6a88), fmix32(h ^ 0x85a308d3), fmix32(h ^ 0x13198a2e), fmix32(h ^ 0x03707344));
  }

  /** Uniform 32-bit unsigned integer. */
  next(): number {
    const t0 = (this.a + this.b) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.d = (this.d + 1) | 0;
    const t = (t0 + this.d) | 0;
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1). */
  float(): number {
    return this.next() / 4294967296;
  }

  /** Uniform integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.float() * (max - min + 1));
  }

  /** Uniform real in [min, max). */
  between(min: number, max: number): number {
    return min + this.float() * (max - min);
  }

  chance(p: number): boolean {
    return this.float() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.float() * items.length)]!;
  }

  /** Index drawn with probability proportional to its weight. */
  weighted(weights: readonly number[]): number {
    let total = 0;
    for (const w of weights) total += w;
    let r = this.float() * total;
    for (let i = 0; i < weights.length; i++) {
      r -= weights[i]!;
      if (r < 0) return i;
    }
    return weights.length - 1;
  }

  /** Standard normal (Box–Muller). */
  normal(): number {
    const u = 1 - this.float();
    const v = this.float();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /** Log-uniform in [min, max]: many small values, a long tail of large ones. */
  logUniform(min: number, max: number): number {
    return Math.exp(this.between(Math.log(min), Math.log(max)));
  }

  shuffle<T extends { length: number; [i: number]: unknown }>(items: T): T {
    for (let i = items.length - 1; i > 0; i--) {
      const j = Math.floor(this.float() * (i + 1));
      const tmp = items[i];
      items[i] = items[j];
      items[j] = tmp;
    }
    return items;
  }

  /** k distinct indices from [0, n), in random order (k ≤ n). */
  sample(n: number, k: number): number[] {
    const out: number[] = [];
    const seen = new Set<number>();
    while (out.length < k) {
      const i = Math.floor(this.float() * n);
      if (!seen.has(i)) {
        seen.add(i);
        out.push(i);
      }
    }
    return out;
  }
}

/** murmur3's 32-bit finaliser: a bijective avalanche on 32-bit integers. */
export function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

function hashKeys(keys: readonly number[]): number {
  let h = 0x9e3779b9;
  for (const key of keys) {
    // Seeds may exceed 32 bits: fold the high part in as its own word.
    const low = key >>> 0;
    const high = Math.floor(key / 4294967296) >>> 0;
    h = fmix32((h ^ low) + 0x6a09e667);
    h = fmix32((h ^ high) + 0xbb67ae85);
  }
  return h;
}
