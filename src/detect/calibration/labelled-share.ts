import { applyIsotonic, fitIsotonic } from './isotonic.js';

/** Scored rows the labelled share is estimated on: held-out scores, 1 for a fraud label, sample weights. */
export interface ScoredRows {
  score: ArrayLike<number>;
  labelled: ArrayLike<number>;
  weight: ArrayLike<number>;
}

/** How a labelled share was (or could have been) estimated. */
export type LabelledShareMethod = 'prefix-bound' | 'mean-on-labelled' | 'prior';

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
  const n = rows.score.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => rows.score[b]! - rows.score[a]! || a - b);
  let labelled = 0;
  let total = 0;
  let best = 0;
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
    if (bound > best) best = bound;
  }
  return best;
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
