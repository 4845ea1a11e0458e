import { describe, expect, it } from 'vitest';
import { candidateBudget } from '../../src/detect/score-communities.js';

describe('candidateBudget', () => {
  it('takes a whole number as it is, and a share of the accounts, never fewer than 1000', () => {
    expect(candidateBudget(7, 1_000_000)).toBe(7);
    expect(candidateBudget('10%', 50_000)).toBe(5000);
    expect(candidateBudget('2.5%', 100_000)).toBe(2500);
    expect(candidateBudget('10%', 1334)).toBe(1000);
  });
});
