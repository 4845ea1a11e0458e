import { describe, expect, it } from 'vitest';
import { accountFolds } from '../../src/detect/account-folds.js';

const ids = Array.from({ length: 200 }, (_, i) => `acct-${i}`);

describe('accountFolds', () => {
  it('gives the same folds for the same ids and seed', () => {
    expect(Array.from(accountFolds(ids, 5, 42))).toEqual(Array.from(accountFolds([...ids], 5, 42)));
  });

  it('puts every account in a fold below the fold count and uses every fold', () => {
    const fold = accountFolds(ids, 5, 42);
    expect(fold).toHaveLength(ids.length);
    expect(Math.max(...fold)).toBeLessThan(5);
    expect(new Set(fold).size).toBe(5);
    // a hash spreads 200 accounts roughly evenly: no fold is nearly empty
    for (let f = 0; f < 5; f++) expect(fold.filter((x) => x === f).length).toBeGreaterThan(10);
  });

  it('keeps an account in its fold whatever other accounts the snapshot holds, and in whatever order', () => {
    const all = accountFolds(ids, 5, 42);
    const fewer = ['acct-7', 'someone-new', 'acct-150'];
    const some = accountFolds(fewer, 5, 42);
    expect(some[0]).toBe(all[7]);
    expect(some[2]).toBe(all[150]);
    const reversed = accountFolds([...ids].reverse(), 5, 42);
    expect(Array.from(reversed).reverse()).toEqual(Array.from(all));
  });

  it('moves accounts between folds when the seed changes', () => {
    const a = accountFolds(ids, 5, 42);
    const b = accountFolds(ids, 5, 43);
    expect(a.some((f, i) => f !== b[i])).toBe(true);
  });
});
