import { describe, expect, it } from 'vitest';
import { ABBREVIATIONS, canonicaliseAddress as canonicaliseCleanAddress } from '../../src/normalise/address.js';
import { cleanText } from '../../src/normalise/clean-text.js';

// The rules take cleaned text (lowercase, single spaces), as the normaliser hands them.
const canonicaliseAddress = (raw: string): string => canonicaliseCleanAddress(cleanText(raw));

describe('canonicaliseAddress', () => {
  it('links common spellings of one address', () => {
    const expected = '12 main st apt 4 london';
    for (const spelling of ['12 Main Street, Apt. #4, London', '12 main st apt 4 london', '12 Main St., Apartment 4, London', '12 MAIN STREET; FLAT 4; LONDON', '12 Main St Apt#4 London']) {
      expect(canonicaliseAddress(spelling), spelling).toBe(expected);
    }
  });

  it('abbreviates the table words', () => {
    expect(canonicaliseAddress('1 Elm Avenue Suite 5')).toBe('1 elm ave ste 5');
    expect(canonicaliseAddress('2 High Road')).toBe('2 high rd');
    expect(canonicaliseAddress('3 Oak Lane Building 2 Floor 3')).toBe('3 oak ln bldg 2 fl 3');
    expect(canonicaliseAddress('4 Sunset Boulevard')).toBe('4 sunset blvd');
  });

  it('abbreviates whole words only', () => {
    expect(canonicaliseAddress('5 Broadway Streetly Flatiron')).toBe('5 broadway streetly flatiron');
  });

  it('drops dots and quotes, turns , ; # into spaces', () => {
    expect(canonicaliseAddress("P.O. Box 7, O'Neil's \"Farm\"")).toBe('po box 7 oneils farm');
    expect(canonicaliseAddress('10 Rue d\u2019Alsace')).toBe('10 rue dalsace');
    expect(canonicaliseAddress('a , . b')).toBe('a b');
  });

  it('returns an empty string for punctuation only (dropped as empty later)', () => {
    expect(canonicaliseAddress('#., ;')).toBe('');
  });

  it('keeps other characters and non-Latin text', () => {
    expect(canonicaliseAddress('12-14 Königstraße')).toBe('12-14 königstraße');
    expect(canonicaliseAddress('Flat 1/2')).toBe('apt 1/2');
    expect(canonicaliseAddress('N/A')).toBe('n/a');
  });
});

describe('canonicaliseAddress: the one-pass loop', () => {
  it('handles separators at the edges and words made only of dots', () => {
    expect(canonicaliseAddress(', 12 main st ,')).toBe('12 main st');
    expect(canonicaliseAddress('. 12 main')).toBe('12 main');
    expect(canonicaliseAddress('12 main .')).toBe('12 main');
    expect(canonicaliseAddress('12 main,,;; x')).toBe('12 main x');
    expect(canonicaliseAddress('12 main x street')).toBe('12 main x st');
  });

  it('returns canonical input unchanged', () => {
    const clean = '12 main st apt 4 london';
    expect(canonicaliseCleanAddress(clean)).toBe(clean);
  });

  it('agrees with a plain split/map/join reference on random input', () => {
    const reference = (clean: string): string =>
      clean
        .replace(/[.'"`\u2018\u2019\u201C\u201D]/g, '')
        .split(/[ ,;#]+/)
        .filter((w) => w.length > 0)
        .map((w) => ABBREVIATIONS.get(w) ?? w)
        .join(' ');
    const parts = ['12', 'main', 'street', 'st', 'flat', 'Road', 'av', 'avenue.', 'x', ' ', ' ', ',', ';', '#', '.', "'", 'o\'neil', 'p.o.', 'é', 'floor'];
    let seed = 1;
    const next = (): number => (seed = (seed * 1103515245 + 12345) % 2147483648);
    for (let round = 0; round < 3000; round++) {
      let raw = '';
      const length = next() % 12;
      for (let k = 0; k < length; k++) raw += parts[next() % parts.length];
      const clean = cleanText(raw);
      expect(canonicaliseCleanAddress(clean), JSON.stringify(raw)).toBe(reference(clean));
    }
  });
});
