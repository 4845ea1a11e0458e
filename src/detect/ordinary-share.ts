/**
 * How far a share measured in this snapshot (accounts sharing a kind, accounts a rule fires for)
 * stands above what is ordinary. Something that describes much of a snapshot says little about
 * rare fraud; both kind weights and rule priors lose the log-odds computed here.
 */

/** Accounts' worth of prior belief that a share is the ordinary one: a small snapshot says little. */
const PRIOR_ACCOUNTS = 100;

/** The share `count / accounts`, shrunk toward the ordinary share as if PRIOR_ACCOUNTS more accounts had been seen. */
export function shrunkShare(count: number, accounts: number, ordinaryShare: number): number {
  return (count + PRIOR_ACCOUNTS * ordinaryShare) / (accounts + PRIOR_ACCOUNTS);
}

/** The log-odds by which `share` exceeds `ordinaryShare` (0 when it does not); shares above 0.99 count as 0.99. */
export function excessLogOdds(share: number, ordinaryShare: number): number {
  if (share <= ordinaryShare) return 0;
  return logit(Math.min(share, 0.99)) - logit(ordinaryShare);
}

export function logit(p: number): number {
  return Math.log(p / (1 - p));
}
