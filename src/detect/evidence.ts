import type { Contribution } from './rules.js';

/**
 * The facts that made a candidate; what a reviewer decides on. "Material" facts are the ones whose
 * change re-opens a rejected candidate: the identifiers it shares and its links to blacklisted
 * accounts.
 */
export interface MaterialEvidence {
  /** `kind:value` of every non-hub identifier the account shares with another account, sorted */
  sharedIdentifiers: string[];
  /** blacklisted accounts reachable through shared identifiers, sorted */
  blacklistedLinks: string[];
}

export interface SharedIdentifierEvidence {
  kind: string;
  value: string;
  /** accounts in the whole snapshot using it */
  accounts: number;
  /** members of the candidate's cluster using it */
  clusterMembers: number;
}

export interface HubEvidence {
  kind: string;
  value: string;
  accounts: number;
}

export interface BlacklistPath {
  blacklistedAccountId: string;
  /** alternating account ids and `kind:value` identifiers, from the candidate to the blacklisted account */
  path: string[];
}

export interface CandidateEvidence {
  accountId: string;
  clusterId: string;
  /** sha256 prefix of the material evidence: a reviewer's decision is tied to this version */
  evidenceVersion: string;
  material: MaterialEvidence;
  score: number;
  clusterScore: number;
  clusterSummary: string;
  clusterContributions: Contribution[];
  memberContributions: Contribution[];
  /** where the points came from: learned from this many fraud labels, or the priors; and how the score became a risk */
  model: { source: 'learned' | 'prior'; fraudLabels: number; intercept: number; calibration?: string };
  sharedIdentifiers: SharedIdentifierEvidence[];
  /** hubs the account uses: named as hubs, not counted as evidence */
  hubs: HubEvidence[];
  pathsToBlacklisted: BlacklistPath[];
  transactions: { transactions: number; chargebacks: number; transfersWithMembers: number };
  /** set when a rejected candidate came back because its evidence changed materially */
  reopened?: { rejectedBy: string; rejectedAt: string; changes: string[] };
}
