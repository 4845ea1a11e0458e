import { scoreOrder } from '../score-order.js';
import { applyIsotonic, fitIsotonic } from './isotonic.js';

/** Scored rows the labelled share is estimated on: held-out scores, 1 for a fraud label, sample weights. */
export interface ScoredRows {
  score: ArrayLike<number>;
  labelled: ArrayLike<number>;
  weight: ArrayLike<number>;
}

/** How a labelled share was (or could have been) estimated. */
export type LabelledShareMethod = 'prefix-bound' | 'held-out-prefix' | 'top-step' | 'mean-on-labelled' | 'prior';

export interface LabelledShareEstimate {
  method: LabelledShareMethod;
  /** the estimated share of all fraud that carries a fraud label, c */
  value: number;
}

/**
 * One-sided normal quantile of the lower confidence bound on a prefix's labelled share (95 %).
 * The bound is what keeps a prefix of a few lucky labels from passing for a pure set of fraud.
 */
const BOUND_Z = 1.645;
/** A prefix carries at least this much weight before its bound is read: fewer rows say nothing. */
export const MIN_PREFIX_WEIGHT = 50;

/**
 * The highest lower confidence bound of the labelled share over the top prefixes of the
 * ranking (the idea of TIcE, Bekker and Davis 2018, on the ranking's own order instead of a
 * tree's leaves). Every set of accounts holds at most as much fraud as accounts, so its labelled
 * share is at most c: each prefix bounds c from below, and the bound is tight where the prefix
 * is nearly all fraud. When nothing separates fraud well, no prefix is pure and the bound stays
 * far below c: it then reads as "unidentified", never as a small c.
 */
export function prefixBound(rows: ScoredRows): number {
  return bestPrefix(rows, descending(rows), () => true)?.bound ?? 0;
}

/**
 * The labelled share of a prefix chosen on other rows: for each fold, the prefix with the
 * highest lower bound is chosen on the other folds' rows, and the fold's own rows above that
 * score are counted; the share is read over all folds together. The maximum over prefixes
 * (prefixBound) picks the prefix whose labels were luckiest and then pays for the luck with a
 * bound, which lands low; a prefix chosen elsewhere has no luck to pay for, so its share is read
 * as it is. It is still the share of a prefix, at most c, and tight where the top of the
 * ranking is nearly all fraud.
 */
export function heldOutPrefix(rows: ScoredRows & { fold: ArrayLike<number> }, folds: number): number {
  let labelled = 0;
  let total = 0;
  const order = descending(rows);
  for (let f = 0; f < folds; f++) {
    const chosen = bestPrefix(rows, order, (r) => rows.fold[r] !== f);
    if (chosen === null) continue;
    for (let r = 0; r < rows.score.length; r++) {
      if (rows.fold[r] !== f || rows.score[r]! < chosen.from) continue;
      labelled += rows.weight[r]! * rows.labelled[r]!;
      total += rows.weight[r]!;
    }
  }
  return total === 0 ? 0 : labelled / total;
}

/** The rows by score, highest first, equal scores in row order. */
function descending(rows: ScoredRows): Int32Array {
  return scoreOrder(rows.score, rows.score.length, true);
}

/**
 * The prefix (among rows `use` keeps) with the highest lower bound on its labelled share: the
 * bound and its lowest score. `all` is every row by score, highest first (descending): the rows
 * kept stay in that order, so one ordering serves every fold.
 */
function bestPrefix(rows: ScoredRows, all: Int32Array, use: (row: number) => boolean): { bound: number; from: number } | null {
  const order = all.filter(use);
  const n = order.length;
  let labelled = 0;
  let total = 0;
  let best: { bound: number; from: number } | null = null;
  for (let k = 0; k < n; ) {
    // ties enter together: a prefix cannot split rows the ranking does not tell apart
    const s = rows.score[order[k]!]!;
    while (k < n && rows.score[order[k]!] === s) {
      const r = order[k++]!;
      labelled += rows.weight[r]! * rows.labelled[r]!;
      total += rows.weight[r]!;
    }
    if (total < MIN_PREFIX_WEIGHT) continue;
    const share = labelled / total;
    const bound = share - BOUND_Z * Math.sqrt((share * (1 - share)) / total) - 1 / total;
    if (bound > 0 && (best === null || bound > best.bound)) best = { bound, from: s };
  }
  return best;
}

/**
 * Elkan and Noto's e3: the highest step of the isotonic P(labelled | score), each step holding
 * at least `minWeight`. The step is chosen as the highest on the same rows it is read on, so it
 * leans high by luck where prefixBound leans low by its bound.
 */
export function topStep(rows: ScoredRows, minWeight: number): number {
  const map = fitIsotonic(rows.score, rows.labelled, rows.weight, minWeight);
  return map.value.length === 0 ? 0 : map.value[map.value.length - 1]!;
}

/**
 * Elkan and Noto's e1: the mean held-out P(labelled | score) over the labelled rows. Exact when
 * some scores are certain fraud; when separation is weak every P(labelled) is small and so is
 * e1, which then makes every account look like fraud. Kept for comparison, never used alone.
 */
export function meanOnLabelled(rows: ScoredRows): number {
  const map = fitIsotonic(rows.score, rows.labelled, rows.weight);
  let sum = 0;
  let count = 0;
  for (let r = 0; r < rows.score.length; r++) {
    if (!rows.labelled[r]) continue;
    sum += rows.weight[r]! * applyIsotonic(map, rows.score[r]!);
    count += rows.weight[r]!;
  }
  return count === 0 ? 0 : sum / count;
}
