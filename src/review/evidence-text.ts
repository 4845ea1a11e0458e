import type { Contribution } from '../detect/rules.js';
import type { BlacklistPath } from '../detect/evidence.js';
import { decidedWord, type Decision } from './decision.js';
import type { ReviewItem } from './review-queue.js';

/**
 * Why an account is (or was) a candidate, as text a reviewer reads top to bottom: where it is and
 * its status, the score and what made it, the identifiers behind it (hubs named and not counted),
 * paths to blacklisted accounts, money, re-opening, and every decision taken on it.
 */
export function evidenceText(item: ReviewItem, history: readonly Decision[], latestRunId: string): string {
  const out: string[] = [];
  const status = item.reopened ? 'pending (re-opened)' : item.status;
  if (item.inLatestRun) out.push(`${item.accountId}: ${status}, candidate in run ${latestRunId} (latest)`);
  else out.push(`${item.accountId}: ${status}, no longer a candidate: run ${latestRunId} (latest) does not list it`);

  const e = item.evidence;
  if (e) {
    out.push(`cluster ${e.clusterId}: ${e.clusterSummary}`);
    out.push(`score ${e.score} (cluster ${e.clusterScore}): ${e.model.source === 'learned' ? `points learned from ${e.model.fraudLabels} fraud labels` : `prior points (${e.model.fraudLabels} fraud labels, too few to learn from)`}, level ${e.model.intercept}${e.model.calibration ? `; risk: ${e.model.calibration}` : ''}`);
    out.push(...contributions('cluster score', e.clusterContributions));
    out.push(...contributions('account score', e.memberContributions));
    out.push(`shared identifiers (${e.sharedIdentifiers.length}):`);
    for (const s of e.sharedIdentifiers) out.push(`  ${s.kind}:${s.value}  ${plural(s.accounts, 'account')}, ${s.clusterMembers} in the cluster`);
    if (e.sharedIdentifiers.length === 0) out.push('  none');
    if (e.hubs.length > 0) {
      out.push(`hubs (${e.hubs.length}), not counted:`);
      for (const h of e.hubs) out.push(`  ${h.kind}:${h.value}  hub of ${plural(h.accounts, 'account')}, not counted`);
    }
    out.push(`paths to blacklisted accounts (${e.pathsToBlacklisted.length}):`);
    for (const p of e.pathsToBlacklisted) out.push(`  ${pathText(p)}`);
    if (e.pathsToBlacklisted.length === 0) out.push('  none');
    const t = e.transactions;
    out.push(`transactions: ${t.transactions}, chargebacks: ${t.chargebacks}, transfers with cluster members: ${t.transfersWithMembers}`);
    out.push(`evidence version ${e.evidenceVersion}`);
  } else if (item.inLatestRun) {
    out.push(`cluster ${item.clusterId}, score ${item.score}`);
    out.push(`reasons: ${item.reasons.join(', ') || 'none'} (run ${latestRunId} has no evidence for it)`);
  } else {
    const d = item.decision!;
    out.push(`last seen in cluster ${d.clusterId}, run ${d.runId}; reasons then: ${d.reasons.join(', ') || 'none'}`);
    out.push(`shared identifiers then: ${d.material.sharedIdentifiers.join(', ') || 'none'}`);
    out.push(`links to blacklisted accounts then: ${d.material.blacklistedLinks.join(', ') || 'none'}`);
  }

  // the run's own note on re-opening holds until someone decides again
  const runReopened = e?.reopened && item.decision?.at === e.reopened.rejectedAt ? e.reopened : null;
  const reopened = item.reopened ?? runReopened;
  if (reopened) {
    out.push(`re-opened: rejected by ${reopened.rejectedBy} at ${reopened.rejectedAt}; since then:`);
    for (const c of reopened.changes) out.push(`  ${c}`);
  }

  out.push(`decision history (${history.length}):`);
  for (const d of history) {
    const note = d.note ? `: ${d.note}` : '';
    out.push(`  ${d.at}  ${decidedWord(d.decision)} by ${d.by} (run ${d.runId}, evidence ${d.evidenceVersion}, via ${d.source})${note}`);
  }
  if (history.length === 0) out.push('  none');
  return `${out.join('\n')}\n`;
}

function contributions(title: string, list: readonly Contribution[]): string[] {
  if (list.length === 0) return [`${title}: no rule fired`];
  const cells = list.map((c) => [c.code, `${c.feature}=${round(c.value)}`, `${c.points >= 0 ? '+' : ''}${c.points}`, c.description]);
  const width = (i: number) => Math.max(...cells.map((row) => row[i]!.length));
  const [w0, w1, w2] = [width(0), width(1), width(2)];
  return [`${title}:`, ...cells.map(([code, feature, points, description]) => `  ${code!.padEnd(w0)}  ${feature!.padEnd(w1)}  ${points!.padStart(w2)}  ${description}`.trimEnd())];
}

/** `A1 —device:abc— A7 —card:pan:…— A9 (blacklisted)`: accounts and the identifiers between them. */
export function pathText(p: BlacklistPath): string {
  let text = p.path[0] ?? '';
  for (let i = 1; i + 1 < p.path.length; i += 2) text += ` —${p.path[i]}— ${p.path[i + 1]}`;
  return `${text} (blacklisted)`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function round(value: number): string {
  return Number.isInteger(value) ? String(value) : String(Number(value.toFixed(3)));
}
