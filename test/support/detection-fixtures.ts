import type { Detection } from '../../src/detect/detection.js';
import type { MemberFeatures } from '../../src/detect/cluster-analysis.js';

/** Detection stats of a hand-made detection: one component, one community. */
export const oneCommunityStats: Detection['stats'] = {
  components: 1, largestComponent: 6, largestGroup: 6, carvedComponents: 0, louvainRuns: 1, communities: 1, hubs: 1,
  candidatesFound: 1, candidatesOverBudget: 0, candidateBudget: 100,
};

/** The risk model of a night with no labels: prior weights. */
export const priorModel: Detection['model'] = {
  source: 'prior', reason: 'no fraud labels: prior weights', fraudLabels: 0, otherAccounts: 0, rocAuc: null, prAuc: null,
  levelShift: null, intercept: -4, terms: [], disabledTerms: [], available: { createdAt: true, transactions: true, labels: true }, calibration: [],
};

/** Member features with every field, overridden where a test cares. */
export function memberFeatures(values: Partial<MemberFeatures> = {}): MemberFeatures {
  return {
    sharedIdentifiers: 0, strongSharedIdentifiers: 0, evidence: 0, roofedEvidence: 0, inBurst: 0, chargebacks: 0, memberTransfers: 0,
    otherKnownFraud: 0, otherLegit: 0, proximity: 0, knownFraud: 0, legit: 0, hubLinks: 0, ...values,
  };
}
