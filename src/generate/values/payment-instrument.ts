import type { Prng } from '../prng.js';

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** An opaque processor token (`tok_…`, `pm_…`): what most payment rows carry. */
export function paymentToken(prng: Prng): string {
  const prefix = prng.chance(0.75) ? 'tok_' : 'pm_';
  let s = prefix;
  for (let i = 0; i < 24; i++) s += ALNUM[prng.int(0, ALNUM.length - 1)];
  return s;
}

const BINS: readonly string[] = ['453917', '491182', '427533', '400115', '516732', '528950', '542418', '557039', '222300', '476173'];

/**
 * A raw 16-digit card number (PAN): a real-looking BIN, nine digits from the slot's unique
 * number (never two slots on one card), and the Luhn check digit. The pipeline must hash these.
 */
export function cardNumber(unique: number, prng: Prng): string {
  const body = prng.pick(BINS) + String(unique % 1_000_000_000).padStart(9, '0');
  return body + luhnCheckDigit(body);
}

/** Most card numbers arrive as 16 bare digits; some keep the groups of four, a few with dashes. */
export function spellCardNumber(pan: string, prng: Prng): string {
  const r = prng.float();
  if (r < 0.8) return pan;
  const groups = `${pan.slice(0, 4)}|${pan.slice(4, 8)}|${pan.slice(8, 12)}|${pan.slice(12)}`;
  return groups.replaceAll('|', r < 0.95 ? ' ' : '-');
}

/** The digit that makes `body + digit` pass the Luhn check. */
export function luhnCheckDigit(body: string): string {
  let sum = 0;
  let double = true; // the check digit is not doubled, so the rightmost body digit is
  for (let i = body.length - 1; i >= 0; i--) {
    let d = body.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return String((10 - (sum % 10)) % 10);
}
