import { describe, expect, it } from 'vitest';
import { cleanText } from '../../src/normalise/clean-text.js';
import { createPaymentInstrumentCanonicaliser } from '../../src/normalise/payment-instrument.js';

const canonicaliseClean = createPaymentInstrumentCanonicaliser('test-key');
const canonicalise = (raw: string) => canonicaliseClean(cleanText(raw));
const PAN = '4111111111111111';

describe('payment instrument canonicaliser', () => {
  it('hashes a Luhn-valid card number and never returns its digits', () => {
    const out = canonicalise(PAN);
    expect(out).toEqual({ value: expect.stringMatching(/^pan:[0-9a-f]{32}$/), hashed: true });
    expect(JSON.stringify(out)).not.toContain(PAN);
    expect(JSON.stringify(out)).not.toContain('41111111');
  });

  it('gives one hash for spellings with spaces, dashes and dots', () => {
    const hash = canonicalise(PAN)!.value;
    expect(canonicalise('4111 1111 1111 1111')!.value).toBe(hash);
    expect(canonicalise('4111-1111-1111-1111')!.value).toBe(hash);
    expect(canonicalise('4111.1111.1111.1111')!.value).toBe(hash);
  });

  it('gives another hash for another key or another card', () => {
    const other = createPaymentInstrumentCanonicaliser('other-key');
    expect(other(PAN).value).not.toBe(canonicalise(PAN)!.value);
    expect(canonicalise('5555555555554444')!.value).not.toBe(canonicalise(PAN)!.value);
  });

  it('hashes 13- and 19-digit card numbers too', () => {
    expect(canonicalise('4222222222222')!.hashed).toBe(true);
    expect(canonicalise('6221 2600 0000 0000 001')!.hashed).toBe(true);
  });

  it('does not hash a Luhn-invalid 16-digit number; it keeps it without separators', () => {
    expect(canonicalise('4111 1111 1111 1112')).toEqual({ value: '4111111111111112', hashed: false });
  });

  it('keeps tokens and masked numbers as generic text without spaces and dashes', () => {
    expect(canonicalise('tok_AbC123')).toEqual({ value: 'tok_abc123', hashed: false });
    expect(canonicalise('4111 11** **** 1111')).toEqual({ value: '411111******1111', hashed: false });
    expect(canonicalise('GB82 WEST 1234 5698 7654 32')).toEqual({ value: 'gb82west12345698765432', hashed: false });
  });

  it('keeps dots in non-card values', () => {
    expect(canonicalise('Wallet.John@Example.com')).toEqual({ value: 'wallet.john@example.com', hashed: false });
  });

  it('does not hash too short or too long digit strings', () => {
    expect(canonicalise('79927398713')!.hashed).toBe(false);
    expect(canonicalise('41111111111111111111')!.hashed).toBe(false);
  });
});
