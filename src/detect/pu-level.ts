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
  return levelOver(known, flaggedCurve(others, otherWeight));
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
  const curve = flaggedCurve(others, otherWeight);
  const random = mulberry32(0x5eed);
  const levels: number[] = [];
  const sample = new Array<number>(known.length);
  for (let round = 0; round < BAG_ROUNDS; round++) {
    for (let i = 0; i < known.length; i++) sample[i] = known[Math.floor(random() * known.length)]!;
    const level = levelOver(sample, curve);
    if (level === null) return null;
    levels.push(level);
  }
  levels.sort((x, y) => x - y);
  return levels[(levels.length - 1) >> 1]!;
}

/**
 * The other accounts' scores, highest first, with the running sum of their weights: the weight
 * flagged at a threshold is read off by binary search instead of a sweep over every account.
 * The sums are added in the order a sweep adds them, so they are the same to the bit.
 */
interface FlaggedCurve {
  scores: Float64Array;
  /** cumulative[k]: the weight of the k highest-scoring others */
  cumulative: Float64Array;
  total: number;
}

function flaggedCurve(others: Float64Array, otherWeight: Float64Array): FlaggedCurve {
  const order = Array.from({ length: others.length }, (_, i) => i).sort((x, y) => others[y]! - others[x]! || x - y);
  const scores = Float64Array.from(order, (i) => others[i]!);
  const cumulative = new Float64Array(order.length + 1);
  for (let k = 0; k < order.length; k++) cumulative[k + 1] = cumulative[k]! + otherWeight[order[k]!]!;
  let total = 0;
  for (let i = 0; i < otherWeight.length; i++) total += otherWeight[i]!;
  return { scores, cumulative, total };
}

/** How many of the others score at least t (scores are in descending order). */
function countAtLeast(scores: Float64Array, t: number): number {
  let lo = 0;
  let hi = scores.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (scores[mid]! >= t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function levelOver(known: readonly number[], curve: FlaggedCurve): number | null {
  if (curve.total === 0) return null;
  const thresholds = [...known].sort((x, y) => y - x);
  let best = -Infinity;
  let level = thresholds[0]!;
  for (let k = 0; k < thresholds.length; k++) {
    const t = thresholds[k]!;
    if (k + 1 < thresholds.length && thresholds[k + 1] === t) continue;
    const flagged = curve.cumulative[countAtLeast(curve.scores, t)]!;
    const recall = (k + 1) / thresholds.length;
    // the flagged share counts as many extra accounts as there is known fraud: with few labels, a
    // level that flags almost nothing must not win on one lucky high score
    const criterion = (recall * recall) / ((flagged + thresholds.length) / curve.total);
    if (criterion > best) {
      best = criterion;
      level = t;
    }
  }
  return level;
}
