import type { Config } from '../config/config.js';
import { ruleFires, type Rule } from '../config/rule.js';
import type { Snapshot } from '../snapshot/snapshot.js';
import type { ClusterFeatures, MemberFeatures } from './cluster-analysis.js';
import { MAX_MEMBER_EVIDENCE } from './cluster-analysis.js';

/** What a feature needs from the snapshot; absent data disables the terms that read it. */
export type DataNeed = 'createdAt' | 'transactions' | 'labels';

const needs: Record<string, DataNeed> = {
  burstMembers: 'createdAt', burstShare: 'createdAt', burstDays: 'createdAt', inBurst: 'createdAt',
  transactions: 'transactions', chargebacks: 'transactions', chargebackMembers: 'transactions', chargebackRate: 'transactions',
  chargebackShare: 'transactions', internalTransfers: 'transactions', transferCycle: 'transactions', memberTransfers: 'transactions',
  knownFraudMembers: 'labels', legitMembers: 'labels', cardsSharedWithKnownFraud: 'labels', otherKnownFraud: 'labels',
  otherLegit: 'labels', proximity: 'labels', knownFraud: 'labels', legit: 'labels',
};

/** An account's own label: applied as given, never learned (it is the very thing learned from). */
const labelFeatures = new Set(['knownFraud', 'legit']);

/**
 * One explainable term of the additive risk model: a rule (fires or not) or a continuous
 * feature (its value, capped), times a weight in log-odds of fraud.
 */
export interface Term {
  code: string;
  scope: 'cluster' | 'member';
  feature: string;
  /** a rule's comparison; absent for a continuous term */
  rule?: Pick<Rule, 'op' | 'value'>;
  cap?: number;
  /** the weight before learning (log-odds) */
  prior: number;
  description: string;
  /** the account's own label: never fitted */
  fixed: boolean;
  /** reads other accounts' labels (known fraud nearby): labels cluster, so it cannot tell which fraud gets labelled */
  labelDerived: boolean;
}

export type Availability = Record<DataNeed, boolean>;

/** Which optional data this snapshot has: a column or table that is absent is unknown, not "no". */
export function availability(snapshot: Snapshot): Availability {
  const created = snapshot.accounts.createdAt;
  let createdAt = false;
  for (let a = 0; a < created.length && !createdAt; a++) createdAt = !Number.isNaN(created[a]!);
  let labels = false;
  for (let a = 0; a < snapshot.accounts.label.length && !labels; a++) labels = snapshot.accounts.label[a] !== 0;
  return { createdAt, transactions: snapshot.transactions.account.length > 0, labels };
}

/** The intercept before learning: the configured level, lowered for each kind of behaviour the snapshot records. */
export function priorIntercept(config: Config, available: Availability): number {
  const observed = (available.createdAt ? 1 : 0) + (available.transactions ? 1 : 0);
  return config.model.intercept + observed * config.model.observedDataPoints;
}

/** The model's terms from the config's rules plus the continuous evidence terms, minus those whose data is absent. */
export function modelTerms(config: Config, available: Availability): { terms: Term[]; disabled: string[] } {
  const all: Term[] = [
    ...config.scoring.clusterRules.map((r) => fromRule(r, 'cluster')),
    ...config.scoring.memberRules.map((r) => fromRule(r, 'member')),
    {
      code: 'IDENTIFIER_EVIDENCE', scope: 'member', feature: 'evidence', cap: MAX_MEMBER_EVIDENCE, prior: config.model.evidencePoints, fixed: false, labelDerived: false,
      description: 'shares identifiers with other members, weighted by how rarely honest accounts share each kind in this snapshot',
    },
    {
      code: 'SHARED_ROOF', scope: 'member', feature: 'roofedEvidence', cap: MAX_MEMBER_EVIDENCE, prior: config.model.roofPoints, fixed: false, labelDerived: false,
      description: 'members share addresses or IPs among themselves, as people living together do: that explains part of what sharing proves (identifier evidence × share of members under a shared roof)',
    },
    {
      code: 'STRONG_POOL', scope: 'cluster', feature: 'strongPool', cap: 3, prior: config.model.poolPoints, fixed: false, labelDerived: false,
      description: 'members reuse a pool of devices, cards and contacts, beyond the pair a household shares (ln of shared strong identifiers / 2)',
    },
    {
      code: 'NEAR_KNOWN_FRAUD', scope: 'member', feature: 'proximity', cap: 5, prior: config.model.proximityPoints, fixed: false, labelDerived: true,
      description: 'close to known fraud through shared identifiers and transfers (personalised PageRank)',
    },
  ];
  const terms: Term[] = [];
  const disabled: string[] = [];
  for (const term of all) {
    const need = needs[term.feature];
    if (need && !available[need]) disabled.push(term.code);
    else terms.push(term);
  }
  return { terms, disabled };
}

function fromRule(rule: Rule, scope: Term['scope']): Term {
  return { code: rule.code, scope, feature: rule.feature, rule: { op: rule.op, value: rule.value }, prior: rule.points, description: rule.description, fixed: labelFeatures.has(rule.feature), labelDerived: needs[rule.feature] === 'labels' };
}

/** Cluster label counts, seen from one member, leave the member's own label out (no leak into learning). */
const ownLabelLeftOut: Record<string, keyof MemberFeatures> = { knownFraudMembers: 'otherKnownFraud', legitMembers: 'otherLegit' };

/** The value a term takes for one account: 1 or 0 for a rule, the capped feature for a continuous term. */
export function termValue(term: Term, cluster: ClusterFeatures | null, member: MemberFeatures): number {
  const leftOut = term.scope === 'cluster' ? ownLabelLeftOut[term.feature] : undefined;
  const source = (leftOut || term.scope === 'member' ? member : cluster) as Record<string, number> | null;
  const raw = source?.[leftOut ?? term.feature] ?? 0;
  if (term.rule) return ruleFires(term.rule as Rule, raw) ? 1 : 0;
  return Math.min(term.cap ?? Infinity, raw);
}

export const clusterFeatureNames: (keyof ClusterFeatures)[] = [
  'size', 'sharedIdentifiers', 'sharedDevices', 'sharedCards', 'sharedPhones', 'sharedEmails', 'sharedAddresses', 'sharedIps',
  'sharedOther', 'sharedIdentity', 'groupEvidence', 'placeShare', 'placeCoverage', 'sharedStrong', 'strongPool', 'coveringMembers', 'burstMembers', 'burstShare', 'burstDays', 'transactions', 'chargebacks',
  'chargebackMembers', 'chargebackRate', 'chargebackShare', 'internalTransfers', 'transferCycle', 'knownFraudMembers', 'legitMembers',
  'cardsSharedWithKnownFraud', 'hubLinks',
];
export const memberFeatureNames: (keyof MemberFeatures)[] = [
  'sharedIdentifiers', 'strongSharedIdentifiers', 'evidence', 'roofedEvidence', 'inBurst', 'chargebacks', 'memberTransfers', 'otherKnownFraud', 'otherLegit',
  'proximity', 'knownFraud', 'legit', 'hubLinks',
];
