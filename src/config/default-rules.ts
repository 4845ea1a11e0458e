import type { Rule } from './rule.js';

/**
 * The default heuristics. Cluster and member features are computed in
 * src/detect/cluster-analysis.ts (ClusterFeatures, MemberFeatures); the feature names below are
 * theirs, and src/detect/rules.ts applies the rules.
 */
export const defaultClusterRules: Rule[] = [
  { code: 'SHARED_STRONG_2', feature: 'sharedStrong', op: '>=', value: 2, points: 25, description: 'members share two or more distinct devices, cards or phones' },
  { code: 'SHARED_DEVICE', feature: 'sharedDevices', op: '>=', value: 1, points: 10, description: 'members share a device' },
  { code: 'SHARED_CARD', feature: 'sharedCards', op: '>=', value: 1, points: 15, description: 'members share a payment instrument' },
  { code: 'CREATION_BURST', feature: 'burstShare', op: '>=', value: 0.6, points: 20, description: 'most members were created within the burst window' },
  { code: 'CREATION_BURST_TIGHT', feature: 'burstShare', op: '>=', value: 0.8, points: 10, description: 'nearly all members were created within the burst window' },
  { code: 'CHARGEBACKS', feature: 'chargebackShare', op: '>=', value: 0.2, points: 20, description: 'a fifth or more of the members had chargebacks' },
  { code: 'INTERNAL_TRANSFERS', feature: 'internalTransfers', op: '>=', value: 2, points: 5, description: 'money moves between members' },
  { code: 'MONEY_CYCLE', feature: 'transferCycle', op: '>=', value: 1, points: 10, description: 'money moves in a cycle inside the cluster' },
  { code: 'KNOWN_FRAUD', feature: 'knownFraudMembers', op: '>=', value: 1, points: 30, description: 'a member is already blacklisted' },
  { code: 'CARD_OF_KNOWN_FRAUD', feature: 'cardsSharedWithKnownFraud', op: '>=', value: 1, points: 15, description: 'a card is shared with a blacklisted account' },
  { code: 'ONE_SHARED_RESOURCE', feature: 'coveringMembers', op: '>=', value: 10, points: -25, description: 'one identifier is used by nearly all of ten or more members: a corporate card or office device, not a ring\'s partial reuse' },
  { code: 'LEGIT_MEMBERS', feature: 'legitMembers', op: '>=', value: 1, points: -25, description: 'a member was cleared as legitimate' },
];

export const defaultMemberRules: Rule[] = [
  { code: 'SHARES_2_IDENTIFIERS', feature: 'sharedIdentifiers', op: '>=', value: 2, points: 30, description: 'shares two or more identifiers with other members' },
  { code: 'SHARES_STRONG_IDENTIFIER', feature: 'strongSharedIdentifiers', op: '>=', value: 1, points: 30, description: 'shares a device, card or phone with other members' },
  { code: 'IN_CREATION_BURST', feature: 'inBurst', op: '>=', value: 1, points: 30, description: 'created inside the cluster\'s creation burst' },
  { code: 'HAS_CHARGEBACK', feature: 'chargebacks', op: '>=', value: 1, points: 20, description: 'had a chargeback' },
  { code: 'TRANSFERS_WITH_MEMBERS', feature: 'memberTransfers', op: '>=', value: 1, points: 20, description: 'moved money to or from other members' },
  { code: 'IS_KNOWN_FRAUD', feature: 'knownFraud', op: '>=', value: 1, points: 100, description: 'already blacklisted' },
  { code: 'IS_LEGIT', feature: 'legit', op: '>=', value: 1, points: -100, description: 'cleared as legitimate' },
];
