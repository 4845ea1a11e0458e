import type { Detection } from '../detect/detection.js';
import type { CandidateEvidence } from '../detect/evidence.js';
import type { Snapshot } from '../snapshot/snapshot.js';
import type { Decision } from './decision.js';
import { changesSince, type KnownBlacklisted } from './feedback.js';

/** Approved accounts become known fraud, like a `labels` row with label fraud. Returns how many were in the snapshot. */
export function markApprovedAsFraud(accounts: Pick<Snapshot['accounts'], 'ids' | 'label' | 'approved'>, approved: ReadonlySet<string>): number {
  if (approved.size === 0) return 0;
  let marked = 0;
  const { label } = accounts;
  const mask = new Uint8Array(label.length);
  accounts.ids.forEach((id, account) => {
    if (!approved.has(id)) return;
    // a label the snapshot already had stays the snapshot's
    if (label[account] !== 1) mask[account] = 1;
    label[account] = 1;
    marked++;
  });
  accounts.approved = mask;
  return marked;
}

export interface Screened {
  detection: Detection;
  evidence: CandidateEvidence[];
  /** rejected accounts left out because nothing material changed */
  suppressed: number;
  /** rejected accounts back because their evidence changed materially */
  reopened: number;
}

/**
 * A rejected account is not a candidate again unless its evidence changed materially (a new shared
 * identifier or a new link to a blacklisted account) since the rejection, measured against what
 * the reviewer knew then (`knownBlacklisted`: the accounts approved before it); then it comes back
 * flagged REOPENED with what changed.
 */
export function screenRejected(
  detection: Detection,
  evidence: CandidateEvidence[],
  accountIds: readonly string[],
  rejected: ReadonlyMap<string, Decision>,
  /** whether the decision's card tokens were made with this run's key (see card-key-change.ts) */
  sameCardKey: (decision: Decision) => boolean = () => true,
  knownBlacklisted: KnownBlacklisted = () => false,
): Screened {
  if (rejected.size === 0) return { detection, evidence, suppressed: 0, reopened: 0 };
  const byAccount = new Map(evidence.map((e) => [e.accountId, e]));
  const dropped = new Set<string>();
  let reopened = 0;
  const candidates = detection.candidates.flatMap((candidate) => {
    const id = accountIds[candidate.account]!;
    const decision = rejected.get(id);
    if (!decision) return [candidate];
    const bundle = byAccount.get(id)!;
    const changes = changesSince(decision, bundle.material, knownBlacklisted, { compareCards: sameCardKey(decision) });
    if (changes.length === 0) {
      dropped.add(id);
      return [];
    }
    reopened++;
    bundle.reopened = { rejectedBy: decision.by, rejectedAt: decision.at, changes };
    return [{ ...candidate, reasons: [...candidate.reasons, 'REOPENED'] }];
  });
  return {
    detection: { ...detection, candidates },
    evidence: evidence.filter((e) => !dropped.has(e.accountId)),
    suppressed: dropped.size,
    reopened,
  };
}
