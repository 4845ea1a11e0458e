import { mulberry32 } from './seeded-random.js';

/**
 * The decision level of a positive–unlabelled model, chosen without knowing how much fraud goes
 * unlabelled: the score threshold that maximises recall² / flagged share (Lee and Liu, 2003), a
 * quantity proportional to F1 under positive–unlabelled data. Recall is measured on the known
 * fraud, the flagged share on everything else. Known fraud that scores like honest accounts
 * (label noise, or fraud nothing in the data points at) is never worth the accounts flagged to
 * reach it, so it cannot drag the level down.
 */
export function puLevel(known: readonly number[], others: Float64Array, otherWeight: Float64Array): number | null {
  if (known.length === 0) return null;
  return levelOver(known, others, otherWeight, descending(others));
}

/** Resamples of the known fraud that baggedPuLevel takes the median level of. */
const BAG_ROUNDS = 101;

/**
 * puLevel made steady: the median of its level over bootstrap resamples of the known fraud
 * (bagging, Breiman 1996). With a few dozen labels the single peak of recall² / flagged share
 * jumps between neighbouring labels, and a night's queue with it; the median over resamples
 * moves only when the labels do. Deterministic: the resamples come from a fixed seed.
 */
export function baggedPuLevel(known: readonly number[], others: Float64Array, otherWeight: Float64Array): number | null {
  if (known.length === 0) return null;
  const order = descending(others);
  const random = mulberry32(0x5eed);
  const levels: number[] = [];
  const sample = new Array<number>(known.length);
  for (let round = 0; round < BAG_ROUNDS; round++) {
    for (let i = 0; i < known.length; i++) sample[i] = known[Math.floor(random() * known.length)]!;
    const level = levelOver(sample, others, otherWeight, order);
    if (level === null) return null;
    levels.push(level);
  }
  levels.sort((x, y) => x - y);
  return levels[(levels.length - 1) >> 1]!;
}

function descending(scores: Float64Array): number[] {
  return Array.from({ length: scores.length }, (_, i) => i).sort((x, y) => scores[y]! - scores[x]! || x - y);
}

function levelOver(known: readonly number[], others: Float64Array, otherWeight: Float64Array, order: readonly number[]): number | null {
  let totalOther = 0;
  for (let i = 0; i < otherWeight.length; i++) totalOther += otherWeight[i]!;
  if (totalOther === 0) return null;
  const thresholds = [...known].sort((x, y) => y - x);
  let best = -Infinity;
  let level = thresholds[0]!;
  let flagged = 0;
  let o = 0;
  for (let k = 0; k < thresholds.length; k++) {
    const t = thresholds[k]!;
    if (k + 1 < thresholds.length && thresholds[k + 1] === t) continue;
    while (o < order.length && others[order[o]!]! >= t) flagged += otherWeight[order[o++]!]!;
    const recall = (k + 1) / thresholds.length;
    // the flagged share counts as many extra accounts as there is known fraud: with few labels, a
    // level that flags almost nothing must not win on one lucky high score
    const criterion = (recall * recall) / ((flagged + thresholds.length) / totalOther);
    if (criterion > best) {
      best = criterion;
      level = t;
    }
  }
  return level;
}
