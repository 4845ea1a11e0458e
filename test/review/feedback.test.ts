import { describe, expect, it } from 'vitest';
import { decisionFor } from '../support/review-state.js';
import { changesSince, knownFraudFromDecisions, materialChanges, rejectedEvidence } from '../../src/review/feedback.js';


describe('feedback from review decisions', () => {
  const current = new Map([
    ['A1', decisionFor('A1', 'approve')],
    ['A2', decisionFor('A2', 'reject')],
    ['A3', decisionFor('A3', 'approve')],
  ]);

  it('approved accounts are known fraud', () => {
    expect(knownFraudFromDecisions(current)).toEqual(new Set(['A1', 'A3']));
    expect(knownFraudFromDecisions(new Map())).toEqual(new Set());
  });

  it('rejected accounts keep the decision they were rejected on', () => {
    const rejected = rejectedEvidence(current);
    expect([...rejected.keys()]).toEqual(['A2']);
    expect(rejected.get('A2')!.material).toEqual({ sharedIdentifiers: ['device:d1'], blacklistedLinks: [] });
  });

  describe('materialChanges', () => {
    const before = { sharedIdentifiers: ['card:pan:ab12', 'device:abc'], blacklistedLinks: ['A9'] };

    it('is empty when nothing changed', () => {
      expect(materialChanges(before, { sharedIdentifiers: ['card:pan:ab12', 'device:abc'], blacklistedLinks: ['A9'] })).toEqual([]);
    });

    it('names a newly shared identifier', () => {
      expect(materialChanges(before, { sharedIdentifiers: ['card:pan:ab12', 'device:abc', 'phone:+447700900123'], blacklistedLinks: ['A9'] })).toEqual([
        'new shared phone:+447700900123',
      ]);
    });

    it('names a new link to a blacklisted account', () => {
      expect(materialChanges(before, { sharedIdentifiers: before.sharedIdentifiers, blacklistedLinks: ['A123', 'A9'] })).toEqual(['new link to blacklisted account A123']);
    });

    it('does not count identifiers or links that disappeared: less evidence never re-opens', () => {
      expect(materialChanges(before, { sharedIdentifiers: ['device:abc'], blacklistedLinks: [] })).toEqual([]);
    });

    it('lists every new fact, identifiers first, even when others disappeared', () => {
      expect(materialChanges(before, { sharedIdentifiers: ['device:xyz', 'device:xyz'], blacklistedLinks: ['A10'] })).toEqual([
        'new shared device:xyz',
        'new link to blacklisted account A10',
      ]);
    });
  });

  describe('changesSince', () => {
    it('does not count links to accounts approved before the decision as new', () => {
      const rejection = decisionFor('R1', 'reject', { sharedIdentifiers: ['device:d1'], blacklistedLinks: ['A9'] });
      const now = { sharedIdentifiers: ['device:d1'], blacklistedLinks: ['A9', 'X1', 'X2'] };
      const approvedBefore = (d: typeof rejection, id: string) => d === rejection && id === 'X1';
      expect(changesSince(rejection, now, approvedBefore)).toEqual(['new link to blacklisted account X2']);
      expect(changesSince(rejection, { ...now, sharedIdentifiers: ['device:d1', 'phone:+44770090'] }, approvedBefore)).toEqual([
        'new shared phone:+44770090',
        'new link to blacklisted account X2',
      ]);
    });
  });
});
