import type { HeldOutScores } from '../model/held-out-scores.js';
import { rocAuc } from '../model/risk-model.js';
import { round } from '../round.js';
import { scoreOrder } from '../score-order.js';
import { applyIsotonic, fitIsotonic, type IsotonicMap } from './isotonic.js';
import { MIN_PREFIX_WEIGHT, heldOutPrefix, meanOnLabelled, prefixBound, topStep, type LabelledShareEstimate, type LabelledShareMethod } from './labelled-share.js';
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
  /**
   * The labelled share of the bulk: the lower half, by the score without nearby labels, of the
   * held-out rows in no community, where the ranking sees no evidence (null for `priors`). Labels there are not
   * the fraud the ranking finds (mistaken reports, or fraud that left no trace), so that much of
   * P(labelled) is read with the prior share, not with c.
   */
  bulkLabelledShare: number | null;
  /** the share the bulk's labels are read with: `labelledSharePrior` */
  bulkShare: number | null;
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
    const empty = { map: { from: [], value: [], weight: [] }, unaidedMap: { from: [], value: [], weight: [] }, reliability: [], labelledShare: null, labelledShareMethod: null, labelledShareEstimates: [], bulkLabelledShare: null, bulkShare: null, groupedAuc: null };
    return { method: 'priors', weak: true, reason: `${fraudLabels} fraud labels, fewer than ${options.minFraudLabels}: the priors' probabilities, not calibrated`, fraudLabels, heldOutAuc, ...empty };
  }
  const map = fitIsotonic(rows.score, rows.labelled, rows.weight, MIN_STEP_WEIGHT);
  const unaidedMap = fitIsotonic(rows.unaided, rows.labelled, rows.weight, MIN_STEP_WEIGHT);
  const reliability = reliabilityTable(rows.score, rows.labelled, rows.weight, rows.fold, options.folds, MIN_STEP_WEIGHT);
  const unaided = { score: rows.unaided, labelled: rows.labelled, weight: rows.weight };
  const estimates: LabelledShareEstimate[] = [
    { method: 'prefix-bound', value: round(prefixBound(unaided), 4) },
    { method: 'held-out-prefix', value: round(heldOutPrefix({ ...unaided, fold: rows.fold }, options.folds), 4) },
    { method: 'top-step', value: round(topStep(unaided, MIN_STEP_WEIGHT), 4) },
    { method: 'mean-on-labelled', value: round(meanOnLabelled(unaided), 4) },
    { method: 'prior', value: options.labelledSharePrior },
  ];
  // the share of a prefix chosen on other folds: measured across the generated worlds on seeds
  // 101–103 it came within 0.72–1.25× of the true share, where the highest bound ran 0.53–1.08×
  // (low by its own margin), the top step 0.89–2.06× and e1 0.43–1.24× (bench:quality)
  const chosen = estimates[1]!.value;
  // Whether some prefix can be pure is read where the queue is drawn from (accounts in
  // communities) and on the score the bound reads: label noise among lone accounts lowers the
  // overall AUC without making the rings any less separable.
  const groupedAuc = aucAmongGrouped(rows);
  const separated = groupedAuc !== null && groupedAuc >= options.minAuc;
  // a prefix share above the prior is evidence even when separation is weak (some prefix is that
  // pure); one below it only says the prefixes were not pure, which weak separation explains
  const useEstimate = separated || chosen > options.labelledSharePrior;
  const labelledShare = useEstimate ? Math.max(chosen, minimumShare(fraudLabels, rows)) : options.labelledSharePrior;
  const method: LabelledShareMethod = useEstimate ? 'held-out-prefix' : 'prior';
  const auc = groupedAuc === null ? 'unknown' : round(groupedAuc, 3).toString();
  const reason = useEstimate
    ? `${fraudLabels} fraud labels, held-out ROC-AUC ${auc} among grouped accounts: labelled share ${round(labelledShare, 3)}, the share of the top prefixes chosen on the other folds`
    : `${fraudLabels} fraud labels, held-out ROC-AUC ${auc} among grouped accounts, below ${options.minAuc}: the evidence cannot identify the labelled share tonight, so the prior ${options.labelledSharePrior} stands and risks stay near the labelled rate`;
  return { method: 'isotonic', weak: !separated, reason, fraudLabels, heldOutAuc, groupedAuc, labelledShare, labelledShareMethod: method, labelledShareEstimates: estimates, bulkLabelledShare: bulkLabelledShare({ ...unaided, grouped: rows.grouped }), bulkShare: options.labelledSharePrior, map, unaidedMap, reliability };
}

/**
 * The labelled share of the bulk: the accounts in no community, and of those the lower half by
 * score (by weight; rows of equal score enter together), where neither the grouping nor the
 * account's own behaviour sees anything. Fraud the ranking finds sits elsewhere, so what is
 * labelled there is what the evidence cannot tell from every other account. A night whose every
 * account is grouped has no bulk: 0.
 */
export function bulkLabelledShare(rows: { score: ArrayLike<number>; labelled: ArrayLike<number>; weight: ArrayLike<number>; grouped: ArrayLike<number> }): number {
  const order = scoreOrder(rows.score, rows.score.length, false).filter((r) => !rows.grouped[r]);
  let all = 0;
  for (const r of order) all += rows.weight[r]!;
  let labelled = 0;
  let total = 0;
  for (let k = 0; k < order.length && total < all / 2; ) {
    const s = rows.score[order[k]!]!;
    while (k < order.length && rows.score[order[k]!] === s) {
      const r = order[k++]!;
      labelled += rows.weight[r]! * rows.labelled[r]!;
      total += rows.weight[r]!;
    }
  }
  return total === 0 ? 0 : labelled / total;
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
 * (g / c − g) / (1 − g) (Elkan and Noto, 2008). The first g₀ of g, the labelled share of the
 * bulk where the ranking sees nothing, is read with the prior share instead of c: c is measured
 * on the fraud the ranking finds, and a label nothing sets apart (a mistaken report, or fraud
 * that left no trace) says nothing about how much such fraud goes uncaught; divided by a c of
 * a few percent it would lend every account in the bulk a risk many times the labelled rate.
 * Two views are read and the larger kept: labels cluster in the rings already caught, so with
 * nearby labels counted an uncaught ring scores where few accounts carry a label and its
 * members would look safe; without them, it scores like the caught rings it resembles. The view
 * with nearby labels still speaks for the unlabelled members of a caught ring. For `priors` the
 * logistic of the score itself.
 */
export function riskWithoutLabel(calibration: RiskCalibration, score: number, unaided: number): number {
  if (calibration.method === 'priors' || calibration.labelledShare === null) return 1 / (1 + Math.exp(-score));
  const share = { c: calibration.labelledShare, bulk: calibration.bulkLabelledShare ?? 0, bulkShare: calibration.bulkShare ?? calibration.labelledShare };
  return Math.max(unlabelledShare(applyIsotonic(calibration.map, score), share), unlabelledShare(applyIsotonic(calibration.unaidedMap, unaided), share));
}

function unlabelledShare(g: number, share: { c: number; bulk: number; bulkShare: number }): number {
  if (g >= 1) return 1;
  const fraud = Math.min(g, share.bulk) / share.bulkShare + Math.max(0, g - share.bulk) / share.c;
  if (fraud >= 1) return 1;
  return Math.max(0, (fraud - g) / (1 - g));
}

/** The calibration in a few words, as each candidate's evidence names it. */
export function describeCalibration(calibration: RiskCalibration): string {
  if (calibration.method === 'priors') return `priors, not calibrated (${calibration.fraudLabels} fraud labels)`;
  return `isotonic out of fold on ${calibration.fraudLabels} fraud labels, labelled share ${round(calibration.labelledShare!, 3)} (${calibration.labelledShareMethod})${calibration.weak ? ', weak evidence' : ''}`;
}
