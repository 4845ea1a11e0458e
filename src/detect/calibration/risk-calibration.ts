import type { HeldOutScores } from '../model/held-out-scores.js';
import { rocAuc } from '../model/risk-model.js';
import { round } from '../round.js';
import { applyIsotonic, fitIsotonic, type IsotonicMap } from './isotonic.js';
import { MIN_PREFIX_WEIGHT, meanOnLabelled, prefixBound, type LabelledShareEstimate, type LabelledShareMethod } from './labelled-share.js';
import { reliabilityTable, type ReliabilityBin } from './reliability.js';

export type { HeldOutScores } from '../model/held-out-scores.js';

/**
 * The least weight (accounts) behind one step of a map: the same as the least prefix the
 * labelled-share bound reads, so that no step is surer than the share it is divided by.
 */
const MIN_STEP_WEIGHT = MIN_PREFIX_WEIGHT;

export interface CalibrationOptions {
  folds: number;
  /** fewer fraud labels than this: nothing to calibrate on, the priors' probabilities stand */
  minFraudLabels: number;
  /** below this held-out ROC-AUC among grouped accounts the data cannot identify the labelled share: the prior share stands */
  minAuc: number;
  /** the labelled share c assumed when the data cannot identify it */
  labelledSharePrior: number;
}

/**
 * Scores → P(fraud | evidence). `isotonic`: P(labelled | score) fitted out of fold, divided by
 * the labelled share c. `priors`: too few labels to fit anything, so the priors' own logistic
 * probability stands, unchecked.
 */
export interface RiskCalibration {
  method: 'isotonic' | 'priors';
  /** true when tonight's evidence could not identify the labelled share (weak separation or few labels) */
  weak: boolean;
  reason: string;
  fraudLabels: number;
  heldOutAuc: number | null;
  /** held-out ROC-AUC of the score without nearby labels, among accounts in communities: whether a pure prefix can exist */
  groupedAuc: number | null;
  /** the labelled share used (null for `priors`), how it was chosen, and every estimate measured */
  labelledShare: number | null;
  labelledShareMethod: LabelledShareMethod | null;
  labelledShareEstimates: LabelledShareEstimate[];
  /** P(labelled | score), a step function fitted on the held-out scores */
  map: IsotonicMap;
  /** P(labelled | score without nearby labels), the same way */
  unaidedMap: IsotonicMap;
  /** P(labelled) predicted for held-out rows by a map that never saw their fold, against their labels */
  reliability: ReliabilityBin[];
}

/**
 * Stage: held-out scores → a calibration. Which fraud carries a label is not random (caught
 * rings are over-represented, solo fraud rarely caught), so the share is estimated on the score
 * without the terms that read nearby labels: there a caught ring and an uncaught one look alike,
 * and the top of the ranking mixes them as fraud is mixed.
 */
export function calibrateRisk(rows: HeldOutScores | null, fraudLabels: number, heldOutAuc: number | null, options: CalibrationOptions): RiskCalibration {
  if (rows === null || fraudLabels < options.minFraudLabels) {
    const empty = { map: { from: [], value: [], weight: [] }, unaidedMap: { from: [], value: [], weight: [] }, reliability: [], labelledShare: null, labelledShareMethod: null, labelledShareEstimates: [], groupedAuc: null };
    return { method: 'priors', weak: true, reason: `${fraudLabels} fraud labels, fewer than ${options.minFraudLabels}: the priors' probabilities, not calibrated`, fraudLabels, heldOutAuc, ...empty };
  }
  const map = fitIsotonic(rows.score, rows.labelled, rows.weight, MIN_STEP_WEIGHT);
  const unaidedMap = fitIsotonic(rows.unaided, rows.labelled, rows.weight, MIN_STEP_WEIGHT);
  const reliability = reliabilityTable(rows.score, rows.labelled, rows.weight, rows.fold, options.folds, MIN_STEP_WEIGHT);
  const unaided = { score: rows.unaided, labelled: rows.labelled, weight: rows.weight };
  const estimates: LabelledShareEstimate[] = [
    { method: 'prefix-bound', value: round(prefixBound(unaided), 4) },
    { method: 'mean-on-labelled', value: round(meanOnLabelled(unaided), 4) },
    { method: 'prior', value: options.labelledSharePrior },
  ];
  const bound = estimates[0]!.value;
  // Whether some prefix can be pure is read where the queue is drawn from (accounts in
  // communities) and on the score the bound reads: label noise among lone accounts lowers the
  // overall AUC without making the rings any less separable.
  const groupedAuc = aucAmongGrouped(rows);
  const separated = groupedAuc !== null && groupedAuc >= options.minAuc;
  // a bound above the prior is evidence even when separation is weak (some prefix is that pure);
  // a bound below it only says the prefixes were not pure, which weak separation explains
  const useBound = separated || bound > options.labelledSharePrior;
  const labelledShare = useBound ? Math.max(bound, minimumShare(fraudLabels, rows)) : options.labelledSharePrior;
  const method: LabelledShareMethod = useBound ? 'prefix-bound' : 'prior';
  const auc = groupedAuc === null ? 'unknown' : round(groupedAuc, 3).toString();
  const reason = useBound
    ? `${fraudLabels} fraud labels, held-out ROC-AUC ${auc} among grouped accounts: labelled share ${round(labelledShare, 3)} from the highest lower bound over the ranking's top prefixes`
    : `${fraudLabels} fraud labels, held-out ROC-AUC ${auc} among grouped accounts, below ${options.minAuc}: the evidence cannot identify the labelled share tonight, so the prior ${options.labelledSharePrior} stands and risks stay near the labelled rate`;
  return { method: 'isotonic', weak: !separated, reason, fraudLabels, heldOutAuc, groupedAuc, labelledShare, labelledShareMethod: method, labelledShareEstimates: estimates, map, unaidedMap, reliability };
}

function aucAmongGrouped(rows: HeldOutScores): number | null {
  const at = Array.from({ length: rows.grouped.length }, (_, r) => r).filter((r) => rows.grouped[r]);
  const auc = rocAuc(Float64Array.from(at, (r) => rows.unaided[r]!), { y: Uint8Array.from(at, (r) => rows.labelled[r]!), weight: Float64Array.from(at, (r) => rows.weight[r]!), rows: at.length });
  return Number.isNaN(auc) ? null : auc;
}

/**
 * The labelled share can never be below labels / accounts: that is every account being fraud.
 * A floor that keeps a zero bound from dividing by zero.
 */
function minimumShare(fraudLabels: number, rows: HeldOutScores): number {
  let total = 0;
  for (let r = 0; r < rows.weight.length; r++) total += rows.weight[r]!;
  return total === 0 ? 1 : fraudLabels / total;
}

/**
 * P(fraud | evidence, no fraud label) for an account whose ranking score (own label left out) is
 * `score`, `unaided` without the terms that read nearby labels. With g = P(labelled | score) and
 * c the labelled share, P(fraud | score) = g / c, and of that the part without a label is
 * (g / c − g) / (1 − g) (Elkan and Noto, 2008). Two views are read and the larger kept: labels
 * cluster in the rings already caught, so with nearby labels counted an uncaught ring scores
 * where few accounts carry a label and its members would look safe; without them, it scores
 * like the caught rings it resembles. The view with nearby labels still speaks for the
 * unlabelled members of a caught ring. For `priors` the logistic of the score itself.
 */
export function riskWithoutLabel(calibration: RiskCalibration, score: number, unaided: number): number {
  if (calibration.method === 'priors' || calibration.labelledShare === null) return 1 / (1 + Math.exp(-score));
  const c = calibration.labelledShare;
  return Math.max(unlabelledShare(applyIsotonic(calibration.map, score), c), unlabelledShare(applyIsotonic(calibration.unaidedMap, unaided), c));
}

function unlabelledShare(g: number, c: number): number {
  if (g >= c || g >= 1) return 1;
  return Math.max(0, (g / c - g) / (1 - g));
}

/** The calibration in a few words, as each candidate's evidence names it. */
export function describeCalibration(calibration: RiskCalibration): string {
  if (calibration.method === 'priors') return `priors, not calibrated (${calibration.fraudLabels} fraud labels)`;
  return `isotonic out of fold on ${calibration.fraudLabels} fraud labels, labelled share ${round(calibration.labelledShare!, 3)} (${calibration.labelledShareMethod})${calibration.weak ? ', weak evidence' : ''}`;
}
