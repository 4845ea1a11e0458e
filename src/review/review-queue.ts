import type { CandidateEvidence } from '../detect/evidence.js';
import { compareCodeUnits } from '../order.js';
import type { Decision } from './decision.js';
import { DecisionLog } from './decision-log.js';
import { changesSince, type KnownBlacklisted } from './feedback.js';
import { readLatestRun, type LatestRun } from './latest-run.js';

export const REVIEW_STATUSES = ['pending', 'approved', 'rejected'] as const;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];

/** A rejected account the latest run lists again with materially new evidence: pending again. */
export interface Reopened {
  rejectedBy: string;
  rejectedAt: string;
  changes: string[];
}

/** One account the blacklist team sees: a candidate of the latest run, or an account decided before. */
export interface ReviewItem {
  accountId: string;
  clusterId: string;
  /** null for a decided account the latest run no longer lists */
  score: number | null;
  reasons: string[];
  status: ReviewStatus;
  /** listed in the latest run's candidates.csv */
  inLatestRun: boolean;
  evidence: CandidateEvidence | null;
  /** the current decision, if any */
  decision: Decision | null;
  reopened: Reopened | null;
}

export interface ReviewQueue {
  run: LatestRun;
  log: DecisionLog;
  items: ReviewItem[];
}

export async function readReviewQueue(stateDir: string): Promise<ReviewQueue> {
  const [run, log] = await Promise.all([readLatestRun(stateDir), DecisionLog.read(stateDir)]);
  return { run, log, items: reviewItems(run, log.current, (d, id) => log.approvedWhen(d, id)) };
}

/**
 * Joins the latest run's candidates with the current decisions. Candidates come first in the run's
 * order; decided accounts the run no longer lists follow, by account.
 */
export function reviewItems(run: LatestRun, current: ReadonlyMap<string, Decision>, knownBlacklisted: KnownBlacklisted = () => false): ReviewItem[] {
  const items: ReviewItem[] = [];
  const listed = new Set<string>();
  for (const c of run.candidates) {
    listed.add(c.accountId);
    const decision = current.get(c.accountId) ?? null;
    const reopened = reopenedBy(decision, c.evidence, knownBlacklisted);
    items.push({
      accountId: c.accountId,
      clusterId: c.clusterId,
      score: c.score,
      reasons: c.reasons,
      status: decision === null || reopened !== null ? 'pending' : statusOf(decision),
      inLatestRun: true,
      evidence: c.evidence,
      decision,
      reopened,
    });
  }
  const gone = [...current.values()].filter((d) => !listed.has(d.accountId)).sort((x, y) => compareCodeUnits(x.accountId, y.accountId));
  for (const d of gone) {
    items.push({ accountId: d.accountId, clusterId: d.clusterId, score: null, reasons: d.reasons, status: statusOf(d), inLatestRun: false, evidence: null, decision: d, reopened: null });
  }
  return items;
}

/**
 * Only a rejection re-opens, and only on more evidence than it was made on (its run's evidence
 * plus the approvals recorded before it). Computed from the
 * decision, not from the run's `reopened` field, so that rejecting a re-opened account again
 * closes it at once rather than after the next run.
 */
function reopenedBy(decision: Decision | null, evidence: CandidateEvidence | null, knownBlacklisted: KnownBlacklisted): Reopened | null {
  if (decision?.decision !== 'reject' || evidence === null) return null;
  const changes = changesSince(decision, evidence.material, knownBlacklisted);
  return changes.length === 0 ? null : { rejectedBy: decision.by, rejectedAt: decision.at, changes };
}

function statusOf(d: Decision): ReviewStatus {
  return d.decision === 'approve' ? 'approved' : 'rejected';
}
