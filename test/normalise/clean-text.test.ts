import { describe, expect, it } from 'vitest';
import { cleanText } from '../../src/normalise/clean-text.js';

describe('cleanText', () => {
  it('returns clean lowercase ASCII unchanged', () => {
    expect(cleanText('abc def')).toBe('abc def');
  });

  it('lowercases, ASCII and not', () => {
    expect(cleanText('AbC-XYZ')).toBe('abc-xyz');
    expect(cleanText('ÉCOLE Ωmega')).toBe('école ωmega');
  });

  it('trims and collapses whitespace, tabs and newlines', () => {
    expect(cleanText('  a \t\tb\r\n c  ')).toBe('a b c');
    expect(cleanText('a  b')).toBe('a b');
    expect(cleanText(' a')).toBe('a');
    expect(cleanText('a ')).toBe('a');
    expect(cleanText(' \t\n ')).toBe('');
    expect(cleanText('')).toBe('');
  });

  it('treats Unicode spaces (NBSP, ideographic space, BOM) as whitespace', () => {
    expect(cleanText('\uFEFFa\u00A0\u00A0b\u3000')).toBe('a b');
  });

  it('composes to NFC: composed and decomposed é are equal', () => {
    const composed = 'caf\u00e9';
    const decomposed = 'cafe\u0301';
    expect(cleanText('CAFE\u0301')).toBe(composed);
    expect(composed).not.toBe(decomposed);
    expect(cleanText(decomposed)).toBe(composed);
    expect(cleanText(composed)).toBe(composed);
  });

  it('replaces lone surrogates with U+FFFD and keeps valid pairs', () => {
    expect(cleanText('a\uD800b')).toBe('a\uFFFDb');
    expect(cleanText('a\uDC00')).toBe('a\uFFFD');
    expect(cleanText('\uD83D\uDE00 ok')).toBe('\uD83D\uDE00 ok');
    expect(cleanText('x\uFFFDy')).toBe('x\uFFFDy');
  });

  it('keeps control characters and punctuation as data', () => {
    expect(cleanText("'}) DETACH DELETE n //")).toBe("'}) detach delete n //");
    expect(cleanText('a\u0000b')).toBe('a\u0000b');
  });
});

describe('cleanText: long and mixed values', () => {
  it('handles values longer than the fast-path buffer the same way', () => {
    const long = '  AB\tC '.repeat(2000);
    expect(cleanText(long)).toBe(('ab c '.repeat(2000)).trim());
  });

  it('gives the same result on the ASCII and the general path', () => {
    // The trailing é sends the second value down the general path.
    expect(cleanText('  Main\t\tSTREET  é')).toBe('main street é');
    expect(cleanText('  Main\t\tSTREET  e')).toBe('main street e');
  });

  it('keeps ASCII control characters other than whitespace', () => {
    expect(cleanText('a\u0001B')).toBe('a\u0001b');
  });
});
