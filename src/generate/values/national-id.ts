import type { Prng } from '../prng.js';

const PREFIX_LETTERS = 'ABCEGHJKLMNOPRSTWXYZ';

/**
 * A national-insurance-style id (`QQ 12 34 56 C`): two letters, six digits, a suffix letter.
 * The suffix is the document's (`prng`); whether it is written spaced is the writer's (`spacing`).
 */
export function nationalId(unique: number, prng: Prng, spacing: Prng = prng): string {
  // 400 letter pairs × a million digit blocks: unique below 400 million slots. Multiplying by a
  // number coprime to 10^6 permutes the block, so small worlds do not all read 00 00 0x.
  const letters = PREFIX_LETTERS[unique % 20]! + PREFIX_LETTERS[Math.floor(unique / 20) % 20]!;
  const digits = String(((Math.floor(unique / 400) % 1_000_000) * 7919 + 123_457) % 1_000_000).padStart(6, '0');
  const suffix = 'ABCD'[prng.int(0, 3)]!;
  return spacing.chance(0.5)
    ? `${letters}${digits}${suffix}`
    : `${letters} ${digits.slice(0, 2)} ${digits.slice(2, 4)} ${digits.slice(4)} ${suffix}`;
}
