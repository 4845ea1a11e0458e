import { createHmac, createSecretKey, type KeyObject } from 'node:crypto';

/**
 * Raw card numbers (PANs) must never reach the graph, the run folder, Neo4j or a log line. They
 * are replaced by a keyed hash: linking still works (same PAN, same key → same token), but
 * without the key nobody can enumerate the small PAN space to reverse a token.
 */

const PAN_HASH_HEX_LENGTH = 32;

/**
 * 13–19 ASCII digits passing the Luhn check, not all zeros: the shape of a payment card number.
 * Zeros pass the Luhn check trivially, but no issuer numbers a card 0000…: they are filler (the
 * all-zero UUID, `0000 0000 0000 0000`), which must stay recognisable as a placeholder.
 */
export function isPanShaped(digits: string): boolean {
  return digits.length >= 13 && digits.length <= 19 && !allZeros(digits) && isLuhnValid(digits);
}

function allZeros(digits: string): boolean {
  for (let i = 0; i < digits.length; i++) if (digits.charCodeAt(i) !== 0x30) return false;
  return true;
}

/** Luhn (mod 10) check over ASCII digits; false for anything that is not all digits. */
export function isLuhnValid(digits: string): boolean {
  if (digits.length < 2) return false;
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 0x30;
    if (d < 0 || d > 9) return false;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return sum % 10 === 0;
}

/** Returns `pan:` + the first 32 hex digits of HMAC-SHA256(key, digits). */
export function createPanHasher(panHashKey: string): (digits: string) => string {
  const key: KeyObject = createSecretKey(Buffer.from(panHashKey, 'utf8'));
  return (digits) =>
    'pan:' + createHmac('sha256', key).update(digits, 'latin1').digest('hex').slice(0, PAN_HASH_HEX_LENGTH);
}
