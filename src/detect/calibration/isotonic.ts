import { scoreOrder } from '../score-order.js';

/**
 * A non-decreasing step function from a score to a share, fitted by pool-adjacent-violators
 * (isotonic regression, Zadrozny and Elkan 2002): each step is a run of scores whose weighted
 * share of positives is the mean of the run. It assumes nothing about the shape of the score
 * except that a higher score never means less, which is all an additive model's ranking promises.
 */
export interface IsotonicMap {
  /** the lowest score of each step, ascending */
  from: number[];
  /** the share of each step, non-decreasing */
  value: number[];
  /** the weight behind each step */
  weight: number[];
}

/**
 * Fits the map on scores and 0/1 outcomes with sample weights. Deterministic for the same rows.
 * A step carries at least `minWeight` (merged with its neighbour otherwise): pool-adjacent-
 * violators alone ends on a step of the few highest scores, often all positive by luck, and a
 * share of 1 read off three rows would make certainties of them.
 */
export function fitIsotonic(score: ArrayLike<number>, outcome: ArrayLike<number>, weight: ArrayLike<number>, minWeight = 0): IsotonicMap {
  const order = scoreOrder(score, score.length, false);
  const from: number[] = [];
  const sum: number[] = [];
  const total: number[] = [];
  for (let k = 0; k < order.length; ) {
    // rows with equal scores cannot be told apart: they form one step before pooling
    const s = score[order[k]!]!;
    let y = 0;
    let w = 0;
    while (k < order.length && score[order[k]!] === s) {
      const r = order[k++]!;
      y += weight[r]! * outcome[r]!;
      w += weight[r]!;
    }
    if (w <= 0) continue;
    from.push(s);
    sum.push(y);
    total.push(w);
    // pool while the last step's share is below the one before it
    while (sum.length > 1 && sum[sum.length - 1]! / total[total.length - 1]! <= sum[sum.length - 2]! / total[total.length - 2]!) {
      const y2 = sum.pop()!;
      const w2 = total.pop()!;
      from.pop();
      sum[sum.length - 1]! += y2;
      total[total.length - 1]! += w2;
    }
  }
  // small steps join the step above them; a small last step joins the one below
  for (let i = 0; i < from.length - 1; ) {
    if (total[i]! >= minWeight) {
      i++;
      continue;
    }
    sum[i]! += sum[i + 1]!;
    total[i]! += total[i + 1]!;
    from.splice(i + 1, 1);
    sum.splice(i + 1, 1);
    total.splice(i + 1, 1);
  }
  while (from.length > 1 && total[from.length - 1]! < minWeight) {
    const last = from.length - 1;
    sum[last - 1]! += sum.pop()!;
    total[last - 1]! += total.pop()!;
    from.pop();
  }
  return { from, value: sum.map((y, i) => y / total[i]!), weight: total };
}

/** The share the map gives a score: the step whose range holds it (below the first step, the first). */
export function applyIsotonic(map: IsotonicMap, score: number): number {
  const { from, value } = map;
  if (from.length === 0) return 0;
  let lo = 0;
  let hi = from.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (from[mid]! <= score) lo = mid;
    else hi = mid - 1;
  }
  return value[lo]!;
}
