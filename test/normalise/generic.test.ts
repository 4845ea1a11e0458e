import { describe, expect, it } from 'vitest';
import { canonicaliseGeneric } from '../../src/normalise/generic.js';

describe('canonicaliseGeneric', () => {
  it('lowercases', () => {
    expect(canonicaliseGeneric('AB 12 34 C')).toBe('ab 12 34 c');
    expect(canonicaliseGeneric('ÉCOLE')).toBe('école');
  });

  it('keeps punctuation and injection-looking text as data', () => {
    expect(canonicaliseGeneric("'}) DETACH DELETE n //")).toBe("'}) detach delete n //");
    expect(canonicaliseGeneric('"quoted"')).toBe('"quoted"');
  });
});
