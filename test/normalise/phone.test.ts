import { describe, expect, it } from 'vitest';
import { createPhoneCanonicaliser, isFillerNumber } from '../../src/normalise/phone.js';

const uk = createPhoneCanonicaliser('44');
const us = createPhoneCanonicaliser('1');

describe('phone canonicaliser', () => {
  it('links national, international and punctuated spellings of one number on its national number', () => {
    for (const spelling of ['07700 900123', '+44 7700 900123', '+44 (0)7700 900123', '0044-7700-900-123', '(07700) 900.123', '7700900123', '447700900123']) {
      expect(uk(spelling), spelling).toBe('7700900123');
    }
  });

  it('links a North American number with and without its country code, whatever the default country', () => {
    for (const canonicalise of [uk, us]) {
      for (const spelling of ['(202) 555-0123', '202.555.0123', '+1 (202) 555-0123', '1 202 555 0123', '12025550123', '001 202 555 0123']) {
        expect(canonicalise(spelling), spelling).toBe('2025550123');
      }
    }
  });

  it('takes bare digit strings as they are stored', () => {
    expect(uk('+447700900123')).toBe('7700900123');
    expect(uk('07700900123')).toBe('7700900123');
    expect(uk('00447700900123')).toBe('7700900123');
    expect(uk('+')).toBeNull();
    expect(uk('++447700900123')).toBe('7700900123');
  });

  it('drops a calling code of any length, and a trunk 0 kept after it', () => {
    expect(us('+44 7700 900123')).toBe('7700900123');
    expect(uk('+353 87 123 4567')).toBe('871234567');
    expect(uk('087 123 4567')).toBe('871234567');
    expect(uk('+39 06 1234 5678')).toBe('612345678');
    expect(uk('06 1234 5678')).toBe('612345678');
    // a short number keeps its 0 in both spellings, so they still meet
    expect(uk('+39 061234')).toBe(uk('061234'));
  });

  it('keeps the digits of an international number whose calling code nobody uses', () => {
    expect(uk('+999 1234 5678')).toBe('99912345678');
  });

  it('understands the NANP international prefix 011 only for country code 1', () => {
    expect(us('011 44 7700 900123')).toBe('7700900123');
    expect(uk('011 44 7700 900123')).toBe('11447700900123');
  });

  it('keeps short local numbers as bare digits', () => {
    expect(uk('555 0123')).toBe('5550123');
    expect(uk('100000')).toBe('100000');
  });

  it('reads non-ASCII digits', () => {
    expect(uk('\uFF10\uFF17\uFF17\uFF10\uFF10 \uFF19\uFF10\uFF10\uFF11\uFF12\uFF13')).toBe('7700900123');
    expect(uk('+٤٤ ٧٧٠٠ ٩٠٠١٢٣')).toBe('7700900123');
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
    expect(uk('tel: 07700 900123')).toBe('7700900123');
    expect(uk('07700+900123')).toBe('7700900123');
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
