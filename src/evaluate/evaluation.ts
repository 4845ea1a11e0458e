import type { PrecisionRecall } from './precision-recall.js';

/**
 * How well a run found the planted rings. Precision of an empty prediction is NaN (shown as
 * "n/a", null in JSON): see precisionRecall.
 */
export interface Evaluation {
  runDir: string;
  truthPath: string;
  /** Accounts in truth.csv. */
  accounts: number;
  /** Blacklist candidates against the fraud accounts: ring members and fraudsters alone. */
  candidates: PrecisionRecall & {
    candidates: number;
    /** Accounts in a ring of truth.csv. */
    trueRingAccounts: number;
    /** Fraud accounts of truth.csv: the ring members and the fraudsters working alone. */
    trueFraudAccounts: number;
    truePositives: number;
    falsePositives: number;
    falseNegatives: number;
    /** Candidates missing from truth.csv (counted as false positives). */
    unknownAccounts: number;
  };
  /** Pairs of accounts put in one cluster against pairs in one true ring. */
  pairwise: PrecisionRecall & {
    predictedPairs: number;
    truePairs: number;
    correctPairs: number;
    clusters: number;
    clusteredAccounts: number;
    /** Memberships after an account's first cluster, ignored. */
    ignoredMemberships: number;
    /** Clustered accounts missing from truth.csv (they form predicted pairs, never correct ones). */
    unknownAccounts: number;
  };
  /** Rings by how many of their members became candidates: all, some, none. */
  rings: { total: number; fullyFound: number; partiallyFound: number; missed: number };
  /**
   * Recall over the ring members that non-hub identifiers can reach (see reachableMembers), the
   * ceiling for detection on shared identifiers. null when the snapshot could not be found.
   */
  reachable: {
    snapshotDir: string;
    hubMinAccounts: number;
    hubs: number;
    /** Ring members linked to another member of their ring by a non-hub identifier. */
    reachableMembers: number;
    /** reachableMembers / all fraud accounts: the recall ceiling (a fraudster alone shares nothing with a fellow). */
    ceiling: number;
    /** Reachable members that are candidates. */
    truePositives: number;
    /** truePositives / reachableMembers. */
    recall: number;
  } | null;
}
