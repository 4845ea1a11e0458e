import { fmix32 } from './prng.js';

/**
 * A keyed bijection on [0, 2^bits): slot numbers in, random-looking numbers out, never two slots
 * on one number. Identifier values that must be unique (phone digits, card numbers, e-mail
 * suffixes, IPv4 addresses, street addresses) are built from these, so accidental collisions
 * never create links the world model did not plan.
 */
export class UniqueNumbers {
  readonly bits: number;
  readonly size: number;
  private readonly mask: number;
  private readonly keys: readonly [number, number, number];

  constructor(bits: number, key: number) {
    if (!Number.isInteger(bits) || bits < 4 || bits > 30) throw new RangeError(`UniqueNumbers: bits must be 4..30, got ${bits}`);
    this.bits = bits;
    this.size = 2 ** bits;
    this.mask = this.size - 1;
    this.keys = [fmix32(key ^ 0x1b873593), fmix32(key ^ 0xcc9e2d51) | 1, fmix32(key ^ 0xe6546b64) | 1];
  }

  of(slot: number): number {
    if (slot < 0 || slot >= this.size) throw new RangeError(`UniqueNumbers: slot ${slot} outside [0, 2^${this.bits})`);
    const mask = this.mask;
    const shift = (this.bits + 1) >> 1;
    // Each step is invertible modulo 2^bits: xor with a constant, multiply by an odd number,
    // and xor with a right shift of itself.
    let x = (slot ^ this.keys[0]) & mask;
    x = Math.imul(x, this.keys[1]) & mask;
    x ^= x >>> shift;
    x = Math.imul(x, this.keys[2]) & mask;
    x ^= x >>> shift;
    x = Math.imul(x, 0x2c1b3c6d | 1) & mask;
    x ^= x >>> shift;
    return x;
  }
}

/** The smallest bit width whose range holds `count` slots (at least 2^8). */
export function bitsFor(count: number): number {
  let bits = 8;
  while (2 ** bits < count) bits++;
  return bits;
}
