import { describe, expect, it } from 'vitest';
import { cleanText } from '../../src/normalise/clean-text.js';
import { canonicaliseEmail as canonicaliseCleanEmail } from '../../src/normalise/email.js';

const canonicaliseEmail = (raw: string): string => canonicaliseCleanEmail(cleanText(raw));

describe('canonicaliseEmail', () => {
  it('lowercases', () => {
    expect(canonicaliseEmail('John.Smith@Example.COM')).toBe('john.smith@example.com');
  });

  it('drops dots and +tag in Gmail local parts and folds googlemail.com', () => {
    expect(canonicaliseEmail('J.O.H.N.Smith+promo@gmail.com')).toBe('johnsmith@gmail.com');
    expect(canonicaliseEmail('john.smith@googlemail.com')).toBe('johnsmith@gmail.com');
    expect(canonicaliseEmail('JohnSmith@GoogleMail.com')).toBe('johnsmith@gmail.com');
  });

  it('drops +tag but keeps dots for other domains', () => {
    expect(canonicaliseEmail('john.smith+shop@example.org')).toBe('john.smith@example.org');
    expect(canonicaliseEmail('a+b+c@example.org')).toBe('a@example.org');
  });

  it('keeps a + that starts the local part', () => {
    expect(canonicaliseEmail('+tag@example.org')).toBe('+tag@example.org');
  });

  it('keeps malformed values, lowercased', () => {
    expect(canonicaliseEmail('Not An Email')).toBe('not an email');
    expect(canonicaliseEmail('a@b')).toBe('a@b');
    expect(canonicaliseEmail('a@b@example.com')).toBe('a@b@example.com');
    expect(canonicaliseEmail('@gmail.com')).toBe('@gmail.com');
    expect(canonicaliseEmail('a+x@.com')).toBe('a+x@.com');
    expect(canonicaliseEmail('a+x@com.')).toBe('a+x@com.');
    expect(canonicaliseEmail('...@gmail.com')).toBe('...@gmail.com');
  });

  it('only treats + in the local part as a tag', () => {
    expect(canonicaliseEmail('john@ex+ample.com')).toBe('john@ex+ample.com');
  });
});
