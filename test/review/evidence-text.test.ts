import { describe, expect, it } from 'vitest';
import { evidenceText, pathText } from '../../src/review/evidence-text.js';
import type { ReviewItem } from '../../src/review/review-queue.js';

describe('evidence text', () => {
  it('draws a path to a blacklisted account with the identifiers between the accounts', () => {
    expect(pathText({ blacklistedAccountId: 'A9', path: ['A1', 'device:abc', 'A7', 'card:pan:12ab', 'A9'] })).toBe('A1 —device:abc— A7 —card:pan:12ab— A9 (blacklisted)');
    expect(pathText({ blacklistedAccountId: 'A9', path: ['A1', 'email:x@example.com', 'A9'] })).toBe('A1 —email:x@example.com— A9 (blacklisted)');
  });

  it('falls back to the run reasons when the run wrote no evidence', () => {
    const item: ReviewItem = { accountId: 'A1', clusterId: 'C1', score: 70, reasons: ['SHARED_DEVICES'], status: 'pending', inLatestRun: true, evidence: null, decision: null, reopened: null };
    expect(evidenceText(item, [], 'r1')).toBe(
      ['A1: pending, candidate in run r1 (latest)', 'cluster C1, score 70', 'reasons: SHARED_DEVICES (run r1 has no evidence for it)', 'decision history (0):', '  none', ''].join('\n'),
    );
  });
});
