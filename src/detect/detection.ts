import type { ClusterFeatures, MemberFeatures, SharedIdentifier } from './cluster-analysis.js';
import type { RiskCalibration } from './calibration/risk-calibration.js';
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
  /** calibrated risk of fraud, 0–1 (see Detection.calibration) */
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

/** A step of P(labelled | score) as the manifest shows it: from this score up, this share (and the weight behind it). */
export interface CalibrationStep {
  from: number;
  labelled: number;
  weight: number;
}

/**
 * How tonight's scores became probabilities (see src/detect/calibration/): the calibration as
 * fitted, its maps as steps, Σ risk over the accounts without a fraud label (the expected number
 * of fraud among them), and the calibration in a few words, as candidates' evidence names it.
 */
export type CalibrationReport = Omit<RiskCalibration, 'map' | 'unaidedMap'> & {
  map: CalibrationStep[];
  /** the same for the score without the terms that read nearby labels (risk is the larger of the two views) */
  unaidedMap: CalibrationStep[];
  expectedUnlabelledFraud: number;
  description: string;
};

/** Every account's risk: P(fraud | evidence), labelled accounts keeping their label; by account index. */
export interface AccountRisks {
  ids: readonly string[];
  risk: Float32Array;
  /** 1 for an account labelled fraud */
  fraudLabel: Uint8Array;
  /** proximity to known fraud (from the other folds' labels), for measuring it as a ranking of its own */
  proximity?: Float64Array;
}

/** What the night decided to queue, and what it expects of the queue. */
export interface DecisionReport {
  targetPrecision: number;
  capacity: number;
  queued: number;
  /** mean risk of the queued accounts without a fraud label (null when there are none) */
  expectedPrecision: number | null;
  /** Σ risk of the queued accounts without a fraud label */
  expectedFraud: number;
  /** candidates left out by the precision target, and by the capacity */
  belowTarget: number;
  overCapacity: number;
}

export interface Detection {
  clusters: Cluster[];
  /** ranked by risk, cut where the expected precision would fall below the target, and at capacity */
  candidates: Candidate[];
  model: ModelReport;
  calibration: CalibrationReport;
  decision: DecisionReport;
  /** every account's risk, for measuring calibration against truth */
  accountRisk: AccountRisks;
  stats: {
    components: number;
    largestComponent: number;
    largestGroup: number;
    carvedComponents: number;
    louvainRuns: number;
    communities: number;
    hubs: number;
    /** candidates before the decision, how many capacity cut, the capacity, and how many the precision target left out */
    candidatesFound: number;
    candidatesOverBudget: number;
    candidateBudget: number;
    candidatesBelowTarget: number;
  };
}
