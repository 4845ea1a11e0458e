import { UserError } from '../errors.js';
import { runFingerprint } from './card-key-change.js';
import { checkNote, checkReviewer } from './reviewer-text.js';
import { decidedWord, type Decision, type DecisionKind } from './decision.js';
import { appendDecisions, DecisionLog, decisionLogPath } from './decision-log.js';
import { withDecisionLock } from './decision-lock.js';
import type { DecisionSink } from './decision-sink.js';
import { readLatestRun, type LatestRun, type RunCandidate } from './latest-run.js';
import { reviewItems, type Reopened, type ReviewItem } from './review-queue.js';

export type DecisionTarget = { accountId: string } | { clusterId: string };

export interface DecisionRequest {
  target: DecisionTarget;
  decision: DecisionKind;
  by: string;
  note?: string;
  source?: Decision['source'];
  /** the clock; tests and replays pass their own */
  now?: () => Date;
}

export interface RecordedDecision {
  decision: Decision;
  /** the decision this one replaces, when the account had one */
  previous: Decision | null;
  /** set when a rejection is made again on materially new evidence */
  reopened: Reopened | null;
}

export interface DecisionOutcome {
  runId: string;
  recorded: RecordedDecision[];
  /** accounts of a cluster that already carried the decision */
  skipped: Decision[];
}

/**
 * Records decisions on candidates of the latest run, with the evidence they were made on. The
 * check against the log and the append happen under the decision lock. Sinks see the decisions
 * after they are in the log.
 */
export async function decide(stateDir: string, request: DecisionRequest, sinks: readonly DecisionSink[] = []): Promise<DecisionOutcome> {
  const by = checkReviewer(request.by);
  request = { ...request, note: checkNote(request.note ?? '') };
  const outcome = await withDecisionLock(stateDir, async () => {
    const [run, log] = await Promise.all([readLatestRun(stateDir), DecisionLog.read(stateDir, { locked: true })]);
    const items = reviewItems(run, log.current, (d, id) => log.approvedWhen(d, id));
    const panKeyFingerprint = await runFingerprint(stateDir, run.runId);
    const chosen = 'accountId' in request.target ? [accountItem(request.target.accountId, items, run)] : clusterItems(request.target.clusterId, items, run);
    const at = (request.now?.() ?? new Date()).toISOString();
    const recorded: RecordedDecision[] = [];
    const skipped: Decision[] = [];
    const candidates = new Map(run.candidates.map((c) => [c.accountId, c]));
    for (const item of chosen) {
      if (alreadyDecided(item, request.decision)) {
        skipped.push(item.decision!);
        continue;
      }
      const decision = decisionOn(candidates.get(item.accountId)!, run, { ...request, by, at }, panKeyFingerprint);
      recorded.push({ decision, previous: item.decision, reopened: item.reopened });
    }
    if (recorded.length === 0) throw nothingChanged(request, skipped);
    await appendDecisions(stateDir, recorded.map((r) => r.decision));
    return { runId: run.runId, recorded, skipped };
  });
  const decisions = outcome.recorded.map((r) => r.decision);
  for (const sink of sinks) {
    try {
      await sink.apply(decisions);
    } catch (err) {
      const message = `${decisions.length} decision(s) are recorded in ${decisionLogPath(stateDir)}, but applying them elsewhere failed: ${(err as Error).message}`;
      throw new UserError(message, err instanceof UserError ? err.exitCode : undefined, { cause: err });
    }
  }
  return outcome;
}

function accountItem(accountId: string, items: readonly ReviewItem[], run: LatestRun): ReviewItem {
  const item = items.find((i) => i.accountId === accountId);
  if (!item) throw new UserError(`unknown account ${accountId}: not a candidate of run ${run.runId} (latest) and never decided`);
  if (!item.inLatestRun) {
    const d = item.decision!;
    throw new UserError(
      `${accountId} is no longer a candidate: run ${run.runId} (latest) does not list it; it was ${decidedWord(d.decision)} by ${d.by} at ${d.at} in run ${d.runId}; nothing recorded`,
    );
  }
  return item;
}

function clusterItems(clusterId: string, items: readonly ReviewItem[], run: LatestRun): ReviewItem[] {
  const members = items.filter((i) => i.inLatestRun && i.clusterId === clusterId);
  if (members.length === 0) throw new UserError(`unknown cluster ${clusterId}: run ${run.runId} (latest) has no candidates in it`);
  return members;
}

/** The same decision again is a no-op, unless it is a rejection re-opened by new evidence. */
function alreadyDecided(item: ReviewItem, decision: DecisionKind): boolean {
  return item.decision?.decision === decision && item.reopened === null;
}

function nothingChanged(request: DecisionRequest, skipped: readonly Decision[]): UserError {
  if ('accountId' in request.target) {
    const d = skipped[0]!;
    return new UserError(`${d.accountId} is already ${decidedWord(d.decision)} by ${d.by} at ${d.at}; nothing changed`);
  }
  const accounts = skipped.map((d) => `${d.accountId} (by ${d.by} at ${d.at})`).join(', ');
  return new UserError(`every candidate of cluster ${request.target.clusterId} is already ${decidedWord(request.decision)}: ${accounts}; nothing changed`);
}

function decisionOn(candidate: RunCandidate, run: LatestRun, request: DecisionRequest & { at: string }, panKeyFingerprint: string | null): Decision {
  const evidence = candidate.evidence;
  return {
    accountId: candidate.accountId,
    decision: request.decision,
    by: request.by,
    at: request.at,
    note: request.note ?? '',
    clusterId: candidate.clusterId,
    runId: run.runId,
    evidenceVersion: evidence?.evidenceVersion ?? 'none',
    material: {
      sharedIdentifiers: [...(evidence?.material.sharedIdentifiers ?? [])],
      blacklistedLinks: [...(evidence?.material.blacklistedLinks ?? [])],
    },
    reasons: candidate.reasons,
    source: request.source ?? 'cli',
    ...(panKeyFingerprint ? { panKeyFingerprint } : {}),
  };
}
