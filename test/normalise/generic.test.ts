import { describe, expect, it } from 'vitest';
import { cleanText } from '../../src/normalise/clean-text.js';
import { canonicaliseGeneric as canonicaliseCleanGeneric } from '../../src/normalise/generic.js';

const canonicaliseGeneric = (raw: string): string => canonicaliseCleanGeneric(cleanText(raw));

describe('canonicaliseGeneric', () => {
  it('is the shared rules only: lowercase, NFC, whitespace', () => {
    expect(canonicaliseGeneric('AB 12 34 C')).toBe('ab 12 34 c');
    expect(canonicaliseGeneric('ÉCOLE')).toBe('école');
    expect(canonicaliseGeneric(' E\u0301cole  Normale ')).toBe('école normale');
  });

  it('keeps punctuation and injection-looking text as data', () => {
    expect(canonicaliseGeneric("'}) DETACH DELETE n //")).toBe("'}) detach delete n //");
    expect(canonicaliseGeneric('"quoted"')).toBe('"quoted"');
  });
});
