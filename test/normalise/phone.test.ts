import { describe, expect, it } from 'vitest';
import { createPhoneCanonicaliser, isFillerNumber } from '../../src/normalise/phone.js';

const uk = createPhoneCanonicaliser('44');
const us = createPhoneCanonicaliser('1');

describe('phone canonicaliser', () => {
  it('links national, international and punctuated spellings of one number', () => {
    for (const spelling of ['07700 900123', '+44 7700 900123', '+44 (0)7700 900123', '0044-7700-900-123', '(07700) 900.123', '7700900123']) {
      expect(uk(spelling), spelling).toBe('+447700900123');
    }
  });

  it('takes bare digit strings as they are stored', () => {
    expect(uk('+447700900123')).toBe('+447700900123');
    expect(uk('07700900123')).toBe('+447700900123');
    expect(uk('00447700900123')).toBe('+447700900123');
    expect(uk('+')).toBeNull();
    expect(uk('++447700900123')).toBe('+447700900123');
  });

  it('keeps an explicit + prefix as is', () => {
    expect(uk('+1 (202) 555-0123')).toBe('+12025550123');
    expect(us('+44 7700 900123')).toBe('+447700900123');
  });

  it('uses the default country code for 10-digit numbers: +1 only when it is 1', () => {
    expect(us('(202) 555-0123')).toBe('+12025550123');
    expect(us('202.555.0123')).toBe('+12025550123');
    expect(uk('2025550123')).toBe('+442025550123');
  });

  it('treats longer unprefixed numbers as carrying their country code', () => {
    expect(us('1 202 555 0123')).toBe('+12025550123');
    expect(uk('447700900123')).toBe('+447700900123');
  });

  it('understands the NANP international prefix 011 only for country code 1', () => {
    expect(us('011 44 7700 900123')).toBe('+447700900123');
    expect(uk('011 44 7700 900123')).toBe('+4411447700900123');
  });

  it('keeps short local numbers as bare digits', () => {
    expect(uk('555 0123')).toBe('5550123');
    expect(uk('100000')).toBe('100000');
  });

  it('reads non-ASCII digits', () => {
    expect(uk('\uFF10\uFF17\uFF17\uFF10\uFF10 \uFF19\uFF10\uFF10\uFF11\uFF12\uFF13')).toBe('+447700900123');
    expect(uk('+٤٤ ٧٧٠٠ ٩٠٠١٢٣')).toBe('+447700900123');
  });

  it('returns null for fewer than 6 digits and for filler numbers', () => {
    expect(uk('12345')).toBeNull();
    expect(uk('unknown')).toBeNull();
    expect(uk('0000000000')).toBeNull();
    expect(uk('1111111111')).toBeNull();
    expect(uk('000000')).toBeNull();
    expect(uk('+44 0000 000000')).toBeNull();
    expect(us('+1 555 555 5555')).toBeNull();
  });

  it('ignores letters and stray plus signs after the first digit', () => {
    expect(uk('tel: 07700 900123')).toBe('+447700900123');
    expect(uk('07700+900123')).toBe('+447700900123');
  });
});

describe('isFillerNumber', () => {
  it('flags all-same numbers and country code + all-same', () => {
    expect(isFillerNumber('9999999')).toBe(true);
    expect(isFillerNumber('4400000000')).toBe(true);
  });

  it('keeps real numbers, including short ones ending in zeros', () => {
    expect(isFillerNumber('447700900123')).toBe(false);
    expect(isFillerNumber('100000')).toBe(false);
    expect(isFillerNumber('12120000000')).toBe(false);
  });
});
