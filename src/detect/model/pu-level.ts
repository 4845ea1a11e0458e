import { scoreOrder } from '../score-order.js';
import { mulberry32 } from '../seeded-random.js';

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

/** baggedPuLevel's level, and how well it does on known fraud it was not chosen on. */
export interface BaggedLevel {
  level: number;
  /**
   * recall² / flagged share of each resample's level over the known fraud left out of that
   * resample, averaged: the criterion a level chosen this way can expect on fraud it never saw,
   * without the optimism of judging a level on the labels that chose it.
   */
  outOfBag: number;
}

/**
 * puLevel made steady: the median of its level over bootstrap resamples of the known fraud
 * (bagging, Breiman 1996). With a few dozen labels the single peak of recall² / flagged share
 * jumps between neighbouring labels, and a night's queue with it; the median over resamples
 * moves only when the labels do. Deterministic: the resamples come from a fixed seed.
 */
export function baggedPuLevel(known: readonly number[], others: Float64Array, otherWeight: Float64Array): BaggedLevel | null {
  if (known.length === 0) return null;
  const curve = flaggedCurve(others, otherWeight);
  const random = mulberry32(0x5eed);
  const levels: number[] = [];
  const sample = new Array<number>(known.length);
  const drawn = new Uint8Array(known.length);
  let outOfBag = 0;
  let judged = 0;
  for (let round = 0; round < BAG_ROUNDS; round++) {
    drawn.fill(0);
    for (let i = 0; i < known.length; i++) {
      const pick = Math.floor(random() * known.length);
      drawn[pick] = 1;
      sample[i] = known[pick]!;
    }
    const level = levelOver(sample, curve);
    if (level === null) return null;
    levels.push(level);
    let left = 0;
    let found = 0;
    for (let i = 0; i < known.length; i++) {
      if (drawn[i]) continue;
      left++;
      if (known[i]! >= level) found++;
    }
    if (left === 0) continue;
    outOfBag += criterionAt(found / left, known.length, curve.cumulative[countAtLeast(curve.scores, level)]!, curve.total);
    judged++;
  }
  levels.sort((x, y) => x - y);
  return { level: levels[(levels.length - 1) >> 1]!, outOfBag: judged > 0 ? outOfBag / judged : 0 };
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
  const order = scoreOrder(others, others.length, true);
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
    const criterion = criterionAt((k + 1) / thresholds.length, thresholds.length, curve.cumulative[countAtLeast(curve.scores, t)]!, curve.total);
    if (criterion > best) {
      best = criterion;
      level = t;
    }
  }
  return level;
}

/**
 * recall² / flagged share when a `recall` share of the `known` known fraud and `flagged` weight of
 * the others reach the level. The flagged share counts as many extra accounts as there is known fraud: with
 * few labels, a level that flags almost nothing must not win on one lucky high score.
 */
function criterionAt(recall: number, known: number, flagged: number, total: number): number {
  return (recall * recall) / ((flagged + known) / total);
}

/**
 * The criterion puLevel maximises, at a given level: how well a model and its level separate the
 * known fraud from everything else. Comparable across models scored on the same accounts; 0 when
 * nothing is known.
 */
export function puCriterion(known: readonly number[], others: Float64Array, otherWeight: Float64Array, level: number): number {
  if (known.length === 0) return 0;
  let found = 0;
  for (const score of known) if (score >= level) found++;
  let flagged = 0;
  let total = 0;
  for (let i = 0; i < others.length; i++) {
    total += otherWeight[i]!;
    if (others[i]! >= level) flagged += otherWeight[i]!;
  }
  return total === 0 ? 0 : criterionAt(found / known.length, known.length, flagged, total);
}
