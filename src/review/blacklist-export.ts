import { Table, Utf8, tableToIPC, vectorFromArray } from 'apache-arrow';
import { UserError } from '../errors.js';
import { compareCodeUnits } from '../order.js';
import { csvText } from '../io/csv-text.js';
import type { Decision } from './decision.js';

export const BLACKLIST_COLUMNS = ['account_id', 'cluster_id', 'reasons', 'reviewer', 'decided_at', 'note', 'evidence_version'] as const;
export type BlacklistRow = Record<(typeof BLACKLIST_COLUMNS)[number], string>;

export const BLACKLIST_FORMATS = ['csv', 'ndjson', 'arrow'] as const;
export type BlacklistFormat = (typeof BLACKLIST_FORMATS)[number];

/**
 * The approved blacklist: accounts whose current decision is approve, decided at or after `since`,
 * by decision time then account. Reasons are the codes of the evidence the decision was made on,
 * ';'-separated in every format so the three carry the same columns.
 */
export function blacklistRows(current: ReadonlyMap<string, Decision>, options: { since?: Date } = {}): BlacklistRow[] {
  const since = options.since?.getTime() ?? -Infinity;
  return [...current.values()]
    .filter((d) => d.decision === 'approve' && Date.parse(d.at) >= since)
    .sort((x, y) => Date.parse(x.at) - Date.parse(y.at) || compareCodeUnits(x.accountId, y.accountId))
    .map((d) => ({
      account_id: d.accountId,
      cluster_id: d.clusterId,
      reasons: d.reasons.join(';'),
      reviewer: d.by,
      decided_at: d.at,
      note: d.note,
      evidence_version: d.evidenceVersion,
    }));
}

/** CSV and NDJSON as text; Arrow as an IPC file of Utf8 columns. */
export function encodeBlacklist(rows: readonly BlacklistRow[], format: BlacklistFormat): string | Uint8Array {
  switch (format) {
    case 'csv':
      return csvText(BLACKLIST_COLUMNS, rows.map((r) => BLACKLIST_COLUMNS.map((c) => r[c])));
    case 'ndjson':
      return rows.map((r) => `${JSON.stringify(r)}\n`).join('');
    case 'arrow': {
      const columns = Object.fromEntries(BLACKLIST_COLUMNS.map((c) => [c, vectorFromArray(rows.map((r) => r[c]), new Utf8())]));
      return tableToIPC(new Table(columns), 'file');
    }
  }
}

/**
 * `--since`: an ISO date (midnight UTC) or date-time; a date-time without a zone is UTC, so the
 * same command gives the same file on every machine.
 */
export function parseSince(text: string): Date {
  const match = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})?)?$/.exec(text.trim());
  const fail = () => new UserError(`--since "${text}" is not an ISO date or date-time (like 2026-11-25 or 2026-11-25T08:00:00Z)`);
  if (!match) throw fail();
  const [, y, m, d, hh, mm, ss] = match;
  const zoned = hh === undefined ? `${text.trim()}T00:00:00Z` : match[7] ? text.trim() : `${text.trim()}Z`;
  const time = Date.parse(zoned);
  // Date.parse rolls 2026-02-30 over to March; a date that does not exist is a typo
  const day = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
  const real = day.getUTCFullYear() === Number(y) && day.getUTCMonth() === Number(m) - 1 && day.getUTCDate() === Number(d);
  if (Number.isNaN(time) || !real || Number(hh ?? 0) > 23 || Number(mm ?? 0) > 59 || Number(ss ?? 0) > 59) throw fail();
  return new Date(time);
}
