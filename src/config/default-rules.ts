import type { Rule } from './rule.js';

/**
 * The default terms of the risk model, as rules. `points` is each rule's prior weight in log-odds
 * of fraud; the nightly fit moves it when labels and decisions say otherwise. Cluster features
 * are measured in src/detect/cluster-analysis.ts (ClusterFeatures), member features there too
 * (MemberFeatures); the feature names below are theirs. Identifier sharing itself is the
 * continuous term IDENTIFIER_EVIDENCE (weighted per kind from the snapshot), proximity to
 * known fraud is NEAR_KNOWN_FRAUD, living together is SHARED_ROOF (src/detect/model-terms.ts).
 */
export const defaultClusterRules: Rule[] = [
  { code: 'SHARED_STRONG_2', feature: 'sharedStrong', op: '>=', value: 2, points: 1.0, description: 'members share two or more distinct identity documents, devices, cards, phones or e-mails' },
  { code: 'CREATION_BURST', feature: 'burstShare', op: '>=', value: 0.6, points: 1.0, description: 'most members were created within the burst window' },
  { code: 'CREATION_BURST_TIGHT', feature: 'burstShare', op: '>=', value: 0.8, points: 0.3, description: 'nearly all members were created within the burst window' },
  { code: 'CHARGEBACKS', feature: 'chargebackMembers', op: '>=', value: 2, points: 0.8, description: 'two or more members had chargebacks' },
  { code: 'INTERNAL_TRANSFERS', feature: 'internalTransfers', op: '>=', value: 2, points: 0.1, description: 'money moves between members' },
  { code: 'MONEY_CYCLE', feature: 'transferCycle', op: '>=', value: 1, points: 0.1, description: 'money moves in a cycle inside the cluster' },
  { code: 'KNOWN_FRAUD', feature: 'knownFraudMembers', op: '>=', value: 1, points: 1.8, description: 'a member it shares a device, card, contact or identity document with is already blacklisted' },
  { code: 'ONE_SHARED_RESOURCE', feature: 'coveringMembers', op: '>=', value: 10, points: -1.5, description: 'one identifier is used by nearly all of ten or more members and at most one more strong value is shared: a corporate card or office device, not a ring\'s pool' },
  { code: 'LEGIT_MEMBERS', feature: 'legitMembers', op: '>=', value: 1, points: -0.5, description: 'another member was cleared as legitimate' },
];

export const defaultMemberRules: Rule[] = [
  { code: 'SHARES_2_IDENTIFIERS', feature: 'sharedIdentifiers', op: '>=', value: 2, points: 0.1, description: 'shares two or more identifiers with other members' },
  { code: 'IN_CREATION_BURST', feature: 'inBurst', op: '>=', value: 1, points: 0.2, description: 'created inside the cluster\'s creation burst' },
  { code: 'HAS_CHARGEBACK', feature: 'chargebacks', op: '>=', value: 1, points: 0.9, description: 'had a chargeback' },
  { code: 'TRANSFERS_WITH_MEMBERS', feature: 'memberTransfers', op: '>=', value: 1, points: 0.4, description: 'moved money to or from other members' },
  { code: 'IS_KNOWN_FRAUD', feature: 'knownFraud', op: '>=', value: 1, points: 10, description: 'already blacklisted' },
  { code: 'IS_LEGIT', feature: 'legit', op: '>=', value: 1, points: -10, description: 'cleared as legitimate' },
];
