import { describe, expect, it } from 'vitest';
import { canonicaliseIdentityDocument } from '../../src/normalise/identity-document.js';
import { createNormaliser } from '../../src/normalise/normalise-identifier.js';

describe('canonicaliseIdentityDocument', () => {
  it('drops the separators issuers print, keeping letters and digits', () => {
    expect(canonicaliseIdentityDocument('qq 12 34 56 c')).toBe('qq123456c');
    expect(canonicaliseIdentityDocument('123-45-6789')).toBe('123456789');
    expect(canonicaliseIdentityDocument('ab.12/34')).toBe('ab1234');
  });

  it('links two writings of one national ID, and never links a placeholder', () => {
    const normalise = createNormaliser({ placeholders: ['N/A', '000-00-0000'], defaultCountryCode: '44', panHashKey: 'test-key-0123456789' });
    expect(normalise('national_id', 'QQ 12 34 56 C')).toEqual(normalise('national_id', 'QQ123456C'));
    expect(normalise('ssn', '000-00-0000')).toBeNull();
    expect(normalise('passport', 'n/a')).toBeNull();
  });
});
