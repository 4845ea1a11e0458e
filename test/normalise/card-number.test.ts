import { describe, expect, it } from 'vitest';
import { createPanHasher, isLuhnValid, isPanShaped } from '../../src/normalise/card-number.js';

describe('isLuhnValid', () => {
  it('accepts valid check digits and rejects invalid ones', () => {
    expect(isLuhnValid('4111111111111111')).toBe(true);
    expect(isLuhnValid('5555555555554444')).toBe(true);
    expect(isLuhnValid('378282246310005')).toBe(true);
    expect(isLuhnValid('79927398713')).toBe(true);
    expect(isLuhnValid('4111111111111112')).toBe(false);
    expect(isLuhnValid('79927398710')).toBe(false);
  });

  it('rejects non-digits', () => {
    expect(isLuhnValid('4111 1111 1111 1111')).toBe(false);
    expect(isLuhnValid('')).toBe(false);
  });
});

describe('isPanShaped', () => {
  it('needs 13 to 19 digits', () => {
    expect(isPanShaped('4222222222222')).toBe(true); // 13
    expect(isPanShaped('6011000990139424')).toBe(true);
    expect(isPanShaped('79927398713')).toBe(false); // Luhn-valid, 11 digits
    expect(isPanShaped('41111111111111111111')).toBe(false); // 20 digits
    // zeros pass the Luhn check, but they are filler, not a card
    expect(isLuhnValid('0000000000000000')).toBe(true);
    expect(isPanShaped('0000000000000000')).toBe(false);
    expect(isPanShaped('0000000000000')).toBe(false);
  });
});

describe('createPanHasher', () => {
  it('returns pan: + 32 hex digits, without the digits', () => {
    const token = createPanHasher('k1')('4111111111111111');
    expect(token).toMatch(/^pan:[0-9a-f]{32}$/);
    expect(token).not.toContain('4111111111111111');
  });

  it('is deterministic per key and differs between keys', () => {
    expect(createPanHasher('k1')('4111111111111111')).toBe(createPanHasher('k1')('4111111111111111'));
    expect(createPanHasher('k1')('4111111111111111')).not.toBe(createPanHasher('k2')('4111111111111111'));
  });
});
