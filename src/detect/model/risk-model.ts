import { baggedPuLevel, puCriterion } from './pu-level.js';
import type { Term } from '../model-terms.js';
import { round } from '../round.js';
import type { TrainingSet } from '../training-set.js';
import { uniqueRows } from '../unique-rows.js';
import { scoreOrder } from '../score-order.js';
import type { HeldOutScores } from './held-out-scores.js';

export type { TrainingSet } from '../training-set.js';

export interface FitOptions {
  folds: number;
  /** standard deviation of the Gaussian prior around each term's prior weight */
  priorScale: number;
  minFraudLabels: number;
}

/** The fitted model: one weight per term (log-odds), the intercept, and how it was obtained. */
export interface RiskModel {
  intercept: number;
  weights: number[];
  /** `learned` from labels (and review decisions), or `prior` when there were too few or the fit did not separate them better */
  source: 'learned' | 'prior';
  reason: string;
  fraudLabels: number;
  otherRows: number;
  /** out-of-fold quality of the labelled-vs-unlabelled ranking (PU: a lower bound for fraud vs honest) */
  rocAuc: number | null;
  prAuc: number | null;
  /** no longer used: the level is calibration's work now (see src/detect/calibration/); always null */
  levelShift: number | null;
  /** out-of-fold calibration: mean predicted P(labelled) against the labelled share, by predicted decile */
  calibration: Array<{ predicted: number; observed: number; rows: number }>;
  /** each training row's score from weights that never saw its label, for calibration (null with too few labels) */
  heldOut: HeldOutScores | null;
}

const NEWTON_STEPS = 40;
const MAX_STEP = 1;

/**
 * Positive–unlabelled logistic regression over the terms. Known fraud is the positive set and
 * every other account is unlabelled, not legit. The weights are the maximum a posteriori
 * estimate under a Gaussian prior centred on each term's prior weight, so with few labels they
 * stay near the priors and with many they follow the data; a weight never takes the sign
 * opposite to its prior. The classifier learns P(labelled | x); which fraud carries a label is
 * not random. Its level is left as fitted: P(fraud) is calibration's work (scores held out here,
 * mapped in src/detect/calibration/). Whether the learned weights or the priors rank is chosen by
 * recall² / flagged share (Lee and Liu, 2003) over the known fraud scored out of fold without the
 * terms that read nearby labels. Fixed terms (the account's own label) keep their prior.
 */
export function fitRiskModel(terms: readonly Term[], data: TrainingSet, intercept: number, options: FitOptions): RiskModel {
  const free = terms.filter((t) => !t.fixed);
  const prior = free.map((t) => t.prior);
  let fraudLabels = 0;
  for (let r = 0; r < data.rows; r++) fraudLabels += data.y[r]!;
  const base = { fraudLabels, otherRows: data.rows - fraudLabels, rocAuc: null, prAuc: null, levelShift: null, calibration: [], heldOut: null };
  const withFixed = (w: number[]) => {
    let k = 0;
    return terms.map((t) => (t.fixed ? t.prior : w[k++]!));
  };
  if (fraudLabels < options.minFraudLabels) {
    return { intercept, weights: withFixed(prior), source: 'prior', reason: `${fraudLabels} fraud labels, fewer than ${options.minFraudLabels}: prior weights`, ...base };
  }

  const oof = new Float64Array(data.rows);
  // the out-of-fold score without the terms that read other accounts' labels: how the account
  // would score if nobody near it were labelled, which is the case of most fraud
  const oofUnaided = new Float64Array(data.rows);
  // the fits run on merged duplicate rows (same likelihood, a fraction of the work)
  const merged = uniqueRows(data);
  const labelled = Float64Array.from(merged.y);
  const aided = Uint8Array.from(free, (t) => (t.labelDerived ? 1 : 0));
  const full = newton(merged, labelled, prior, [intercept, ...prior], options.priorScale, () => true);
  // the same held-out scores on the merged rows, for calibration: rows merged share fold, label,
  // grouping and terms, so they share scores, and calibration sorts thousands of rows, not millions
  const mergedOof = new Float64Array(merged.rows);
  const mergedUnaided = new Float64Array(merged.rows);
  for (let f = 0; f < options.folds; f++) {
    // each fold starts from the fit on all rows: it lies a few steps from the fold's own optimum
    const model = newton(merged, labelled, prior, full, options.priorScale, (r) => merged.fold[r] !== f);
    for (let r = 0; r < merged.rows; r++) {
      if (merged.fold[r] !== f) continue;
      mergedOof[r] = linear(model, merged, r);
      mergedUnaided[r] = mergedOof[r]! - partial(model, merged, r, aided);
    }
    for (let r = 0; r < data.rows; r++) {
      if (data.fold[r] !== f) continue;
      oof[r] = linear(model, data, r);
      oofUnaided[r] = oof[r]! - partial(model, data, r, aided);
    }
  }
  // The learned weights are judged at the level baggedPuLevel finds over the known fraud in
  // groups, scored out of fold and without the help of labels near it (most fraud has none).
  const known: number[] = [];
  for (let r = 0; r < data.rows; r++) if (data.y[r] && data.grouped[r]) known.push(oofUnaided[r]!);
  known.sort((x, y) => x - y);
  const otherScores: number[] = [];
  const otherWeights: number[] = [];
  for (let r = 0; r < data.rows; r++) {
    if (data.y[r]) continue;
    otherScores.push(oof[r]!);
    otherWeights.push(data.weight[r]!);
  }
  const others = Float64Array.from(otherScores);
  const weights = Float64Array.from(otherWeights);
  const bagged = baggedPuLevel(known, others, weights);
  // The priors, judged by the same criterion at their own fixed level (no level is chosen for
  // them, so nothing is judged on the labels that chose it): with a few dozen labels the fit can
  // separate the known fraud worse than the priors do (it follows the few rings that were
  // caught), and then the priors are kept.
  const priorModel = [intercept, ...prior];
  const priorScore = new Float64Array(data.rows);
  const priorKnown: number[] = [];
  const priorOthers: number[] = [];
  const priorUnaided = new Float64Array(data.rows);
  for (let r = 0; r < data.rows; r++) {
    priorScore[r] = linear(priorModel, data, r);
    priorUnaided[r] = priorScore[r]! - partial(priorModel, data, r, aided);
    if (!data.y[r]) priorOthers.push(priorScore[r]!);
    else if (data.grouped[r]) priorKnown.push(priorUnaided[r]!);
  }
  const heldOut = (score: Float64Array, unaided: Float64Array): HeldOutScores => ({ score, unaided, labelled: merged.y, grouped: merged.grouped, weight: merged.weight, fold: merged.fold });
  const mergedPrior = new Float64Array(merged.rows);
  const mergedPriorUnaided = new Float64Array(merged.rows);
  for (let r = 0; r < merged.rows; r++) {
    mergedPrior[r] = linear(priorModel, merged, r);
    mergedPriorUnaided[r] = mergedPrior[r]! - partial(priorModel, merged, r, aided);
  }
  const learnedCriterion = bagged?.outOfBag ?? 0;
  const priorCriterion = puCriterion(priorKnown, Float64Array.from(priorOthers), weights, 0);
  const judged = `recall² / flagged share over the ${known.length} known fraud in groups: learned ${round(learnedCriterion, 2)}, priors ${round(priorCriterion, 2)}`;
  if (priorCriterion >= learnedCriterion) {
    return {
      intercept,
      weights: withFixed(prior),
      source: 'prior',
      reason: `${fraudLabels} fraud labels: the weights learned from them did not separate known fraud out of fold better than the priors (${judged}): prior weights`,
      ...base,
      ...rankingQuality(priorScore.map(logistic), data),
      // the priors never saw a label: their scores are held out for every row
      heldOut: heldOut(mergedPrior, mergedPriorUnaided),
    };
  }
  return {
    intercept: full[0]!,
    weights: withFixed(full.slice(1)),
    source: 'learned',
    reason: `learned from ${fraudLabels} fraud labels against ${data.rows - fraudLabels} other accounts (positive–unlabelled); chosen over the priors by recall² / flagged share at its level (median over resamples) over the ${known.length} known fraud in groups, scored out of fold without the help of nearby labels (${judged})`,
    ...base,
    ...rankingQuality(oof.map(logistic), data),
    heldOut: heldOut(mergedOof, mergedUnaided),
  };
}

/** How well probabilities rank the known fraud: ROC-AUC, PR-AUC and calibration by decile, over one ordering of the rows. */
function rankingQuality(probability: Float64Array, data: TrainingSet): Pick<RiskModel, 'rocAuc' | 'prAuc' | 'calibration'> {
  const order = ranked(probability, data.rows);
  return { rocAuc: round(rocAuc(probability, data, order)), prAuc: round(averagePrecision(probability, data, order)), calibration: calibration(probability, data, order) };
}

export function logistic(z: number): number {
  return 1 / (1 + Math.exp(-z));
}

/** Newton–Raphson on the penalised log-likelihood; returns [intercept, ...weights]. */
function newton(data: TrainingSet, target: Float64Array, prior: number[], start: readonly number[], scale: number, use: (row: number) => boolean): number[] {
  const d = prior.length + 1;
  const w = [...start];
  const precision = 1 / (scale * scale);
  // the used rows as sparse lists of their non-zero terms: most rows fire one or two
  const rowStart: number[] = [0];
  const rowOf: number[] = [];
  const column: number[] = [];
  const value: number[] = [];
  for (let r = 0; r < data.rows; r++) {
    if (!use(r)) continue;
    rowOf.push(r);
    for (let i = 1; i < d; i++) {
      const x = data.x[r * (d - 1) + i - 1]!;
      if (x === 0) continue;
      column.push(i);
      value.push(x);
    }
    rowStart.push(column.length);
  }
  for (let step = 0; step < NEWTON_STEPS; step++) {
    const grad = new Float64Array(d);
    const hess = new Float64Array(d * d);
    for (let u = 0; u < rowOf.length; u++) {
      const r = rowOf[u]!;
      const from = rowStart[u]!;
      const to = rowStart[u + 1]!;
      let z = w[0]!;
      for (let k = from; k < to; k++) z += w[column[k]!]! * value[k]!;
      const p = logistic(z);
      const sw = data.weight[r]!;
      const g = sw * (target[r]! - p);
      const h = sw * p * (1 - p);
      grad[0]! += g;
      hess[0]! += h;
      for (let a = from; a < to; a++) {
        const i = column[a]!;
        const hi = h * value[a]!;
        grad[i]! += g * value[a]!;
        hess[i]! += hi;
        hess[i * d]! += hi;
        for (let b = from; b < to; b++) hess[i * d + column[b]!]! += hi * value[b]!;
      }
    }
    // Gaussian prior on the term weights, a very weak one on the intercept
    hess[0]! += 1e-6;
    for (let i = 1; i < d; i++) {
      grad[i]! -= (w[i]! - prior[i - 1]!) * precision;
      hess[i * d + i]! += precision;
    }
    const delta = solve(hess, grad, d);
    let change = 0;
    for (let i = 0; i < d; i++) change = Math.max(change, Math.abs(delta[i]!));
    // damped: a step never moves a weight by more than MAX_STEP log-odds (Newton overshoots on rare labels)
    const damping = change > MAX_STEP ? MAX_STEP / change : 1;
    for (let i = 0; i < d; i++) w[i]! += damping * delta[i]!;
    // a term keeps the sign of its prior: evidence of fraud never counts for honesty, nor the
    // reverse. A weight held at 0 that way takes no part in the test for convergence: the data
    // keep pushing it across, and it stays.
    let moved = Math.abs(delta[0]!);
    for (let i = 1; i < d; i++) {
      const p = prior[i - 1]!;
      if ((p > 0 && w[i]! < 0) || (p < 0 && w[i]! > 0)) w[i] = 0;
      else moved = Math.max(moved, Math.abs(delta[i]!));
    }
    if (moved < 1e-6) break;
  }
  return w;
}

function linear(w: number[], data: TrainingSet, r: number): number {
  let z = w[0]!;
  const base = r * (w.length - 1);
  for (let i = 1; i < w.length; i++) z += w[i]! * data.x[base + i - 1]!;
  return z;
}

/** The part of the linear score that the marked columns contribute. */
function partial(w: number[], data: TrainingSet, r: number, columns: Uint8Array): number {
  let z = 0;
  const base = r * (w.length - 1);
  for (let i = 1; i < w.length; i++) if (columns[i - 1]) z += w[i]! * data.x[base + i - 1]!;
  return z;
}


/** Gaussian elimination with partial pivoting on a small dense system. */
function solve(a: Float64Array, b: Float64Array, n: number): Float64Array {
  const m = Float64Array.from(a);
  const x = Float64Array.from(b);
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(m[r * n + col]!) > Math.abs(m[pivot * n + col]!)) pivot = r;
    if (pivot !== col) {
      for (let k = 0; k < n; k++) [m[col * n + k], m[pivot * n + k]] = [m[pivot * n + k]!, m[col * n + k]!];
      [x[col], x[pivot]] = [x[pivot]!, x[col]!];
    }
    const diag = m[col * n + col]!;
    if (Math.abs(diag) < 1e-12) continue;
    for (let r = col + 1; r < n; r++) {
      const f = m[r * n + col]! / diag;
      if (f === 0) continue;
      for (let k = col; k < n; k++) m[r * n + k]! -= f * m[col * n + k]!;
      x[r]! -= f * x[col]!;
    }
  }
  for (let r = n - 1; r >= 0; r--) {
    let s = x[r]!;
    for (let k = r + 1; k < n; k++) s -= m[r * n + k]! * x[k]!;
    const diag = m[r * n + r]!;
    x[r] = Math.abs(diag) < 1e-12 ? 0 : s / diag;
  }
  return x;
}

/** Rows ordered by score, highest first; ties by row for determinism. */
function ranked(score: Float64Array, rows: number): Int32Array {
  return scoreOrder(score, rows, true);
}

/** ROC-AUC by the rank-sum (Mann–Whitney) statistic, ties counted half; sample weights respected. */
export function rocAuc(score: Float64Array, data: Pick<TrainingSet, 'y' | 'weight' | 'rows'>, order = ranked(score, data.rows)): number {
  let pos = 0;
  let neg = 0;
  let area = 0;
  for (let i = 0; i < order.length; ) {
    let j = i;
    let tiePos = 0;
    let tieNeg = 0;
    while (j < order.length && score[order[j]!] === score[order[i]!]) {
      const r = order[j]!;
      if (data.y[r]) tiePos += data.weight[r]!;
      else tieNeg += data.weight[r]!;
      j++;
    }
    // every negative ranked below a positive counts; negatives above it were already passed
    area += tieNeg * pos + 0.5 * tieNeg * tiePos;
    pos += tiePos;
    neg += tieNeg;
    i = j;
  }
  return pos === 0 || neg === 0 ? Number.NaN : area / (pos * neg);
}

/** Average precision (area under the precision–recall curve, step-wise); sample weights respected. */
export function averagePrecision(score: Float64Array, data: Pick<TrainingSet, 'y' | 'weight' | 'rows'>, order = ranked(score, data.rows)): number {
  let total = 0;
  for (let r = 0; r < data.rows; r++) if (data.y[r]) total += data.weight[r]!;
  if (total === 0) return Number.NaN;
  let tp = 0;
  let seen = 0;
  let ap = 0;
  for (const r of order) {
    seen += data.weight[r]!;
    if (!data.y[r]) continue;
    tp += data.weight[r]!;
    ap += (data.weight[r]! / total) * (tp / seen);
  }
  return ap;
}

/** `highestFirst` is the rows in ranked order; the deciles run from the lowest scores up. */
function calibration(score: Float64Array, data: TrainingSet, highestFirst: Int32Array): RiskModel['calibration'] {
  const order = [...highestFirst].reverse();
  const bins: RiskModel['calibration'] = [];
  const per = Math.ceil(order.length / 10);
  for (let b = 0; b < order.length; b += per) {
    let w = 0;
    let predicted = 0;
    let observed = 0;
    const slice = order.slice(b, b + per);
    for (const r of slice) {
      w += data.weight[r]!;
      predicted += data.weight[r]! * score[r]!;
      observed += data.weight[r]! * data.y[r]!;
    }
    bins.push({ predicted: round(predicted / w, 5), observed: round(observed / w, 5), rows: slice.length });
  }
  return bins;
}

