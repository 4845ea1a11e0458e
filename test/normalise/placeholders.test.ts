import { describe, expect, it } from 'vitest';
import { defaultPlaceholders, isZeroFiller } from '../../src/normalise/placeholders.js';

describe('defaultPlaceholders', () => {
  it('holds the agreed list, lowercase and frozen', () => {
    expect(defaultPlaceholders).toContain('unknown');
    expect(defaultPlaceholders).toContain('test@test.com');
    expect(defaultPlaceholders).toContain('00000000-0000-0000-0000-000000000000');
    expect(defaultPlaceholders).toHaveLength(20);
    for (const p of defaultPlaceholders) expect(p).toBe(p.toLowerCase());
    expect(Object.isFrozen(defaultPlaceholders)).toBe(true);
  });
});

describe('isZeroFiller', () => {
  it('flags values made of zeros, dashes, dots and spaces only', () => {
    for (const v of ['0', '000', '-', '---', '.', '0.0.0.0', '00000000-0000-0000-0000-000000000000', '0 0 0', '']) {
      expect(isZeroFiller(v), v).toBe(true);
    }
  });

  it('keeps anything else', () => {
    for (const v of ['10', '0.0.0.1', 'o', '00000000-0000-0000-0000-000000000001', '+000']) {
      expect(isZeroFiller(v), v).toBe(false);
    }
  });
});
