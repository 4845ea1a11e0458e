import { describe, expect, it } from 'vitest';
import { MAX_VALUE_LENGTH, digestLongValue } from '../../src/normalise/long-value.js';

describe('digestLongValue', () => {
  it('is a sha256 hex digest with a prefix, deterministic and distinct', () => {
    const a = digestLongValue('x'.repeat(MAX_VALUE_LENGTH + 1));
    expect(a).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(digestLongValue('x'.repeat(MAX_VALUE_LENGTH + 1))).toBe(a);
    expect(digestLongValue('y'.repeat(MAX_VALUE_LENGTH + 1))).not.toBe(a);
  });

  it('is shorter than the cap, so a digest is never digested again', () => {
    expect(digestLongValue('z').length).toBeLessThan(MAX_VALUE_LENGTH);
  });
});
