import { describe, expect, it } from 'vitest';
import { isNewerThanLog } from '../../pipelines/review-sync.js';
import type { Decision } from '../../src/review/decision.js';
import type { ReviewedCandidate } from '../../src/review/review-source.js';

const last = { accountId: 'A1', decision: 'reject', by: 'bob', at: '2026-11-25T10:00:00.000Z' } as Decision;
const status = (fields: Partial<ReviewedCandidate>): ReviewedCandidate => ({ accountId: 'A1', status: 'approved', reviewer: null, note: null, reviewedAt: null, mirrored: null, ...fields });

describe('isNewerThanLog: a status in Neo4j is a new decision only when set after the log\'s last one', () => {
  it('by reviewedAt', () => {
    expect(isNewerThanLog(status({ reviewedAt: '2026-11-25T10:00:00.001Z' }), last)).toBe(true);
    expect(isNewerThanLog(status({ reviewedAt: '2026-11-25T10:00:00Z' }), last)).toBe(false);
    // Neo4j's own spelling of the time, with nanoseconds
    expect(isNewerThanLog(status({ reviewedAt: '2026-11-25T09:00:00.000000000Z' }), last)).toBe(false);
  });

  it('by the mirror the sink wrote: a change since a mirror of the last decision is newer; a mirror of an older one is not', () => {
    expect(isNewerThanLog(status({ mirrored: { status: 'rejected', at: last.at } }), last)).toBe(true);
    expect(isNewerThanLog(status({ mirrored: { status: 'approved', at: '2026-11-25T09:00:00.000Z' }, reviewedAt: '2026-11-25T09:00:00.000Z' }), last)).toBe(false);
    expect(isNewerThanLog(status({ mirrored: { status: 'approved', at: last.at } }), last)).toBe(false);
  });

  it('a status set without reviewedAt on a node the sink never wrote cannot be placed after the log: the log stands', () => {
    expect(isNewerThanLog(status({}), last)).toBe(false);
  });
});
