import { round } from '../round.js';
import { applyIsotonic, fitIsotonic } from './isotonic.js';

/** One bin of the reliability table: what was predicted for held-out rows, and what they were. */
export interface ReliabilityBin {
  /** the bin's range of predicted P(labelled) */
  from: number;
  to: number;
  /** mean predicted P(labelled) of the rows in the bin */
  predicted: number;
  /** their labelled share */
  observed: number;
  /** the accounts in the bin (sample weights summed) */
  accounts: number;
}

/**
 * Bin edges of predicted P(labelled). Labels are rare, so most rows sit near 0: the edges are
 * roughly logarithmic there, where most of the weight is, and coarse near 1.
 */
const EDGES = [0, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 0.6, 1];

/**
 * The map's reliability on labels it never saw: for each fold, the map is fitted on the other
 * folds' held-out scores and read on this fold's rows, so no label is judged by a map that saw
 * it. The table then says how well P(labelled) holds; P(fraud) is that divided by the labelled
 * share, which no label can check.
 */
export function reliabilityTable(score: ArrayLike<number>, labelled: ArrayLike<number>, weight: ArrayLike<number>, fold: ArrayLike<number>, folds: number, minStepWeight: number): ReliabilityBin[] {
  const bins = EDGES.slice(1).map((to, i) => ({ from: EDGES[i]!, to, predicted: 0, observed: 0, weight: 0, rows: 0 }));
  for (let f = 0; f < folds; f++) {
    // the other folds' rows, in row order, in typed arrays (plain loops: this runs once per fold)
    let rows = 0;
    for (let r = 0; r < score.length; r++) if (fold[r] !== f) rows++;
    const trainScore = new Float64Array(rows);
    const trainLabelled = new Float64Array(rows);
    const trainWeight = new Float64Array(rows);
    for (let r = 0, k = 0; r < score.length; r++) {
      if (fold[r] === f) continue;
      trainScore[k] = score[r]!;
      trainLabelled[k] = labelled[r]!;
      trainWeight[k++] = weight[r]!;
    }
    const map = fitIsotonic(trainScore, trainLabelled, trainWeight, minStepWeight);
    for (let r = 0; r < score.length; r++) {
      if (fold[r] !== f) continue;
      const p = applyIsotonic(map, score[r]!);
      let at = 0;
      while (at < bins.length - 1 && !(p < bins[at]!.to)) at++;
      const bin = bins[at]!;
      bin.predicted += weight[r]! * p;
      bin.observed += weight[r]! * labelled[r]!;
      bin.weight += weight[r]!;
      bin.rows++;
    }
  }
  return bins
    .filter((b) => b.rows > 0)
    .map((b) => ({ from: b.from, to: b.to, predicted: round(b.predicted / b.weight, 5), observed: round(b.observed / b.weight, 5), accounts: Math.round(b.weight) }));
}

