import type { Detection } from '../../src/detect/detection.js';
import type { MemberFeatures } from '../../src/detect/cluster-analysis.js';

/** Detection stats of a hand-made detection: one component, one community. */
export const oneCommunityStats: Detection['stats'] = {
  components: 1, largestComponent: 6, largestGroup: 6, carvedComponents: 0, louvainRuns: 1, communities: 1, hubs: 1,
  candidatesFound: 1, candidatesOverBudget: 0, candidateBudget: 100, candidatesBelowTarget: 0,
};

/** The risk model of a night with no labels: prior weights. */
export const priorModel: Detection['model'] = {
  source: 'prior', reason: 'no fraud labels: prior weights', fraudLabels: 0, otherAccounts: 0, rocAuc: null, prAuc: null,
  levelShift: null, intercept: -4, terms: [], disabledTerms: [], available: { createdAt: true, transactions: true, labels: true }, calibration: [],
};

/** The calibration of a night with no labels: the priors' probabilities stand. */
export const priorCalibration: Detection['calibration'] = {
  method: 'priors', weak: true, reason: '0 fraud labels, fewer than 30', fraudLabels: 0, heldOutAuc: null, groupedAuc: null, labelledShare: null, labelledShareMethod: null,
  labelledShareEstimates: [], bulkLabelledShare: null, bulkShare: null, map: [], unaidedMap: [], reliability: [], expectedUnlabelledFraud: 0, description: 'priors, not calibrated (0 fraud labels)',
};

/** The decision of a night that queued its one candidate. */
export const oneCandidateDecision: Detection['decision'] = { targetPrecision: 0.8, capacity: 100, queued: 1, expectedPrecision: 0.9, expectedFraud: 0.9, belowTarget: 0, overCapacity: 0 };

/** Member features with every field, overridden where a test cares. */
export function memberFeatures(values: Partial<MemberFeatures> = {}): MemberFeatures {
  return {
    sharedIdentifiers: 0, strongSharedIdentifiers: 0, evidence: 0, roofedEvidence: 0, inBurst: 0, chargebacks: 0, memberTransfers: 0,
    otherKnownFraud: 0, otherLegit: 0, proximity: 0, knownFraud: 0, legit: 0, hubLinks: 0, ...values,
  };
}
