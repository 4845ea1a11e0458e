import { UserError } from '../src/errors.js';
import type { Logger } from '../src/log.js';
import { decide } from '../src/review/decide.js';
import { DecisionLog } from '../src/review/decision-log.js';
import type { ReviewedCandidate } from '../src/review/review-source.js';

export interface ReviewSyncResult {
  imported: string[];
  /** statuses that could not become decisions, with why (the candidate is gone, say) */
  skipped: Array<{ accountId: string; reason: string }>;
}

/**
 * Review sync, run by a nightly run that writes to Neo4j, inside its lock and before it reads the
 * decisions: a reviewer may set a candidate's
 * `status` to approved or rejected directly in Neo4j Browser. Every such status that the decision
 * log does not already hold becomes a decision (source `neo4j`), with the evidence of the latest
 * run, so the night honours it like any other decision.
 */
export async function syncReviewFromGraph(stateDir: string, reviewed: readonly ReviewedCandidate[], log: Logger): Promise<ReviewSyncResult> {
  const current = (await DecisionLog.read(stateDir)).current;
  const result: ReviewSyncResult = { imported: [], skipped: [] };
  for (const candidate of reviewed) {
    const decision = candidate.status === 'approved' ? 'approve' : 'reject';
    if (current.get(candidate.accountId)?.decision === decision) continue;
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
