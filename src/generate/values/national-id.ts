import type { Prng } from '../prng.js';

const PREFIX_LETTERS = 'ABCEGHJKLMNOPRSTWXYZ';

/** A national-insurance-style id (`QQ 12 34 56 C`): two letters, six digits, a suffix letter. */
export function nationalId(unique: number, prng: Prng): string {
  const digits = String(unique % 1_000_000).padStart(6, '0');
  const high = Math.floor(unique / 1_000_000);
  const letters = PREFIX_LETTERS[high % 20]! + PREFIX_LETTERS[Math.floor(high / 20) % 20]!;
  const suffix = 'ABCD'[prng.int(0, 3)]!;
  return prng.chance(0.5)
    ? `${letters}${digits}${suffix}`
    : `${letters} ${digits.slice(0, 2)} ${digits.slice(2, 4)} ${digits.slice(4)} ${suffix}`;
}
