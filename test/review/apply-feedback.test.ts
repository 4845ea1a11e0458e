import { describe, expect, it } from 'vitest';
import { markApprovedAsFraud } from '../../src/review/apply-feedback.js';
import { makeSnapshot } from '../support/make-snapshot.js';

describe('markApprovedAsFraud', () => {
  it('labels approved accounts fraud and remembers which labels were approvals, not the snapshot’s', () => {
    const snapshot = makeSnapshot({
      accounts: [{ id: 'A1' }, { id: 'A2', label: 'fraud' }, { id: 'A3', label: 'legit' }, { id: 'A4' }],
      links: [],
    });
    expect(markApprovedAsFraud(snapshot.accounts, new Set(['A1', 'A2', 'A3', 'A9']))).toBe(3);
    expect([...snapshot.accounts.label]).toEqual([1, 1, 1, 0]);
    // A2 was labelled fraud by the snapshot already: its label stays the snapshot's
    expect([...snapshot.accounts.approved!]).toEqual([1, 0, 1, 0]);
  });

  it('leaves the snapshot untouched without approvals', () => {
    const snapshot = makeSnapshot({ accounts: [{ id: 'A1' }], links: [] });
    expect(markApprovedAsFraud(snapshot.accounts, new Set())).toBe(0);
    expect(snapshot.accounts.approved).toBeUndefined();
  });
});
