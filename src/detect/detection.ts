import type { ClusterFeatures, MemberFeatures, SharedIdentifier } from './cluster-analysis.js';
import type { Contribution } from './rules.js';

/** A suspected ring: a community whose risk (mean member risk) reached the cluster threshold. */
export interface Cluster {
  clusterId: string;
  /** account indices, ascending by account id */
  members: Int32Array;
  score: number;
  features: ClusterFeatures;
  contributions: Contribution[];
  shared: SharedIdentifier[];
  summary: string;
}

/** A member of a suspected ring whose own evidence reached the member threshold. */
export interface Candidate {
  account: number;
  clusterId: string;
  /** calibrated risk of fraud, 0–1 */
  score: number;
  /** log-odds the member's own terms added */
  memberPoints: number;
  features: MemberFeatures;
  contributions: Contribution[];
  /** cluster reason codes followed by the member's own */
  reasons: string[];
}

/** The risk model of the night: where its weights came from and how well it ranks. */
export interface ModelReport {
  source: 'learned' | 'prior';
  reason: string;
  fraudLabels: number;
  otherAccounts: number;
  rocAuc: number | null;
  prAuc: number | null;
  levelShift: number | null;
  intercept: number;
  /** each term: its configured prior, how often it fires (share of all accounts), the prior it keeps after that, and its weight */
  terms: Array<{ code: string; feature: string; prior: number; firingShare: number; measuredPrior: number; weight: number; fixed: boolean }>;
  /** terms left out because the data they need is absent from the snapshot */
  disabledTerms: string[];
  available: Record<string, boolean>;
  calibration: Array<{ predicted: number; observed: number; rows: number }>;
}

export interface Detection {
  clusters: Cluster[];
  /** ranked by risk, cut at the review budget */
  candidates: Candidate[];
  model: ModelReport;
  stats: {
    components: number;
    largestComponent: number;
    largestGroup: number;
    carvedComponents: number;
    louvainRuns: number;
    communities: number;
    hubs: number;
    /** candidates before the budget, how many it cut, and the budget */
    candidatesFound: number;
    candidatesOverBudget: number;
    candidateBudget: number;
  };
}
