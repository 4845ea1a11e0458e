import type { MaterialEvidence } from '../detect/evidence.js';
import type { Decision } from './decision.js';

/**
 * How review decisions feed the next nightly run. `current` is each account's current decision
 * (`DecisionLog.current`).
 */

/** Approved accounts: known fraud from the next run on. */
export function knownFraudFromDecisions(current: ReadonlyMap<string, Decision>): Set<string> {
  const known = new Set<string>();
  for (const [accountId, d] of current) if (d.decision === 'approve') known.add(accountId);
  return known;
}

/** Rejected accounts with the decision (and so the evidence) they were rejected on. */
export function rejectedEvidence(current: ReadonlyMap<string, Decision>): Map<string, Decision> {
  const rejected = new Map<string, Decision>();
  for (const [accountId, d] of current) if (d.decision === 'reject') rejected.set(accountId, d);
  return rejected;
}

/**
 * Whether the reviewer already knew `accountId` as blacklisted when recording `decision`: it was
 * approved by a decision recorded before (`DecisionLog.approvedWhen`).
 */
export type KnownBlacklisted = (decision: Decision, accountId: string) => boolean;

/**
 * What is materially new in `now` compared with what was known when a decision was made: the
 * run's evidence it was made on (`before`) plus the accounts `knownBlacklisted` says had been
 * approved by then. So identifiers newly shared, and links to blacklisted accounts that were
 * neither: a reviewer who confirms a ring and then clears one member has seen that member's link
 * to the ring. Less evidence never re-opens a rejection, so what disappeared is not listed. Empty
 * when nothing material changed.
 */
export function materialChanges(
  before: MaterialEvidence,
  now: MaterialEvidence,
  options: { compareCards?: boolean; knownBlacklisted?: (accountId: string) => boolean } = {},
): string[] {
  const knownBlacklisted = options.knownBlacklisted ?? (() => false);
  const shared = new Set(before.sharedIdentifiers);
  const linked = new Set(before.blacklistedLinks);
  // card tokens made under another key cannot be compared: a card (or an account id that was a card number) is then never "new"
  const comparable = options.compareCards === false ? (id: string) => !isCardToken(id) : () => true;
  return [
    ...unique(now.sharedIdentifiers).filter((id) => comparable(id) && !shared.has(id)).map((id) => `new shared ${id}`),
    ...unique(now.blacklistedLinks).filter((id) => comparable(id) && !linked.has(id) && !knownBlacklisted(id)).map((id) => `new link to blacklisted account ${id}`),
  ];
}

/** `payment_instrument:pan:…`, or any identifier holding a card token. */
function isCardToken(identifier: string): boolean {
  return identifier.includes('pan:');
}

/** Changes since a decision, against everything its reviewer knew (see materialChanges). */
export function changesSince(decision: Decision, now: MaterialEvidence, knownBlacklisted: KnownBlacklisted, options: { compareCards?: boolean } = {}): string[] {
  return materialChanges(decision.material, now, { ...options, knownBlacklisted: (id) => knownBlacklisted(decision, id) });
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}
