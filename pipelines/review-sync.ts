import { UserError } from '../src/errors.js';
import type { Logger } from '../src/log.js';
import { decide } from '../src/review/decide.js';
import type { Decision } from '../src/review/decision.js';
import { DecisionLog } from '../src/review/decision-log.js';
import type { ReviewedCandidate, ReviewSource } from '../src/review/review-source.js';

export interface ReviewSyncResult {
  imported: string[];
  /** statuses that could not become decisions, with why (the candidate is gone, say) */
  skipped: Array<{ accountId: string; reason: string }>;
}

/**
 * Review sync, run by a nightly run that writes to Neo4j, inside its lock and before it reads the
 * decisions: a reviewer may set a candidate's `status` to approved or rejected directly in Neo4j
 * Browser. Such a status becomes a decision (source `neo4j`), with the evidence of the latest
 * run, only when it was set after the log's last decision on the account (isNewerThanLog): a
 * status the log has already superseded (a CLI decision made without `--sink neo4j`) is old news,
 * and the night mirrors the log back over it (mirrorDecisions).
 */
export async function syncReviewFromGraph(stateDir: string, reviewed: readonly ReviewedCandidate[], log: Logger): Promise<ReviewSyncResult> {
  const current = (await DecisionLog.read(stateDir, { warnings: log })).current;
  const result: ReviewSyncResult = { imported: [], skipped: [] };
  for (const candidate of reviewed) {
    const decision = candidate.status === 'approved' ? 'approve' : 'reject';
    const last = current.get(candidate.accountId);
    if (last?.decision === decision) continue;
    if (last && !isNewerThanLog(candidate, last)) {
      if (candidate.reviewedAt === null && candidate.mirrored?.status !== candidate.status) {
        // set in Browser without reviewedAt, but the log moved since the graph last mirrored it: the log's later decision stands
        result.skipped.push({ accountId: candidate.accountId, reason: `status ${candidate.status} set in Neo4j without reviewedAt; the decision log's later ${last.decision} by ${last.by} at ${last.at} stands` });
      }
      continue;
    }
    try {
      await decide(stateDir, {
        target: { accountId: candidate.accountId },
        decision,
        by: candidate.reviewer?.trim() || 'neo4j-browser',
        note: candidate.note ?? 'status set in Neo4j',
        source: 'neo4j',
      });
      result.imported.push(candidate.accountId);
    } catch (err) {
      if (!(err instanceof UserError)) throw err;
      result.skipped.push({ accountId: candidate.accountId, reason: err.message });
    }
  }
  if (result.imported.length + result.skipped.length > 0) log.info({ imported: result.imported.length, skipped: result.skipped }, 'review statuses taken from Neo4j');
  return result;
}

/**
 * Whether a status in the graph was set after `last`, the log's last decision on the account:
 * its `reviewedAt` is later, or it differs from what the decision sink last wrote there while that
 * write mirrored `last` itself (so the change came after it). Anything else, the log has seen.
 */
export function isNewerThanLog(candidate: ReviewedCandidate, last: Decision): boolean {
  const lastAt = Date.parse(last.at);
  if (candidate.reviewedAt !== null && Date.parse(candidate.reviewedAt) > lastAt) return true;
  const mirrored = candidate.mirrored;
  return mirrored !== null && mirrored.status !== candidate.status && Date.parse(mirrored.at) === lastAt;
}

/**
 * Writes every account's current decision onto its candidate in the graph, so that decisions
 * recorded without `--sink neo4j` (or while Neo4j was down) reach it. Idempotent.
 */
export async function mirrorDecisions(stateDir: string, source: ReviewSource, log: Logger): Promise<number> {
  const current = [...(await DecisionLog.read(stateDir, { warnings: log })).current.values()];
  if (current.length > 0) await source.apply(current);
  return current.length;
}
