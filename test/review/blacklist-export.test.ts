import { tableFromIPC } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import { blacklistRows, encodeBlacklist, parseSince } from '../../src/review/blacklist-export.js';
import type { Decision } from '../../src/review/decision.js';

function decided(accountId: string, kind: Decision['decision'], at: string): Decision {
  return {
    accountId,
    decision: kind,
    by: 'alice',
    at,
    note: 'same card, "burst"',
    clusterId: 'C1',
    runId: 'r1',
    evidenceVersion: 'v1',
    material: { sharedIdentifiers: [], blacklistedLinks: [] },
    reasons: ['SHARED_DEVICES', 'CHARGEBACKS'],
    source: 'cli',
  };
}

describe('blacklist export', () => {
  const current = new Map([
    ['A3', decided('A3', 'approve', '2026-11-25T09:00:00.000Z')],
    ['A1', decided('A1', 'approve', '2026-11-25T09:00:00.000Z')],
    ['A2', decided('A2', 'reject', '2026-11-24T09:00:00.000Z')],
    ['A0', decided('A0', 'approve', '2026-11-24T23:59:59.999Z')],
  ]);

  it('lists approved accounts by decision time, then account', () => {
    expect(blacklistRows(current).map((r) => r.account_id)).toEqual(['A0', 'A1', 'A3']);
    expect(blacklistRows(current)[0]).toEqual({
      account_id: 'A0',
      cluster_id: 'C1',
      reasons: 'SHARED_DEVICES;CHARGEBACKS',
      reviewer: 'alice',
      decided_at: '2026-11-24T23:59:59.999Z',
      note: 'same card, "burst"',
      evidence_version: 'v1',
    });
    expect(blacklistRows(current, { since: parseSince('2026-11-25') }).map((r) => r.account_id)).toEqual(['A1', 'A3']);
  });

  it('encodes csv, ndjson and arrow with the same columns', () => {
    const rows = blacklistRows(current);
    expect(encodeBlacklist(rows, 'csv')).toMatch(/^account_id,cluster_id,reasons,reviewer,decided_at,note,evidence_version\nA0,C1,SHARED_DEVICES;CHARGEBACKS,alice,2026-11-24T23:59:59.999Z,"same card, ""burst""",v1\n/);
    expect(JSON.parse((encodeBlacklist(rows, 'ndjson') as string).split('\n')[1]!)).toMatchObject({ account_id: 'A1' });
    const table = tableFromIPC(encodeBlacklist(rows, 'arrow') as Uint8Array);
    expect(table.numRows).toBe(3);
    expect(table.getChild('account_id')!.toArray()).toEqual(['A0', 'A1', 'A3']);
    expect(tableFromIPC(encodeBlacklist([], 'arrow') as Uint8Array).schema.fields.map((f) => f.name)).toContain('evidence_version');
  });

  it('--since takes ISO dates and date-times; a date-time without a zone is UTC', () => {
    expect(parseSince('2026-11-25').toISOString()).toBe('2026-11-25T00:00:00.000Z');
    expect(parseSince('2026-11-25T08:30').toISOString()).toBe('2026-11-25T08:30:00.000Z');
    expect(parseSince('2026-11-25T08:30:00+01:00').toISOString()).toBe('2026-11-25T07:30:00.000Z');
    expect(parseSince('2026-11-25T08:30:00.250Z').toISOString()).toBe('2026-11-25T08:30:00.250Z');
    for (const bad of ['yesterday', '2026-02-30', '2026-13-01', '25/11/2026', '2026-11-25T24:00Z', '']) {
      expect(() => parseSince(bad), bad).toThrow(UserError);
    }
  });
});
