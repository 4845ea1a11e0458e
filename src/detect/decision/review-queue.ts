/** What the night queues for review, and what it expects of the queue. */
export interface ReviewQueue {
  /** how many of the ranked candidates are queued */
  length: number;
  /** mean risk of the queued accounts that carry no fraud label yet: the share of the review work expected to be fraud */
  expectedPrecision: number | null;
  /** Σ risk of those accounts: how many fraud the review is expected to find */
  expectedFraud: number;
  /** candidates left out because the queue's expected precision would fall below the target */
  belowTarget: number;
  /** candidates left out because the team's capacity was reached */
  overCapacity: number;
}

export interface RankedCandidate {
  risk: number;
  /** already labelled fraud: queued first, it costs no guess */
  known: boolean;
}

/**
 * Stage: candidates ranked by risk (highest first) → the queue: the longest prefix whose expected
 * precision (mean risk of the queued accounts not yet labelled fraud) stays at or above the
 * target, then cut at the team's capacity. Risks are calibrated probabilities, so a quiet night
 * whose candidates are all doubtful queues few or none, where a quota would fill itself with them.
 */
export function reviewQueue(ranked: readonly RankedCandidate[], targetPrecision: number, capacity: number): ReviewQueue {
  let sum = 0;
  let count = 0;
  let length = 0;
  let keptSum = 0;
  let keptCount = 0;
  for (let k = 0; k < ranked.length; k++) {
    const c = ranked[k]!;
    if (!c.known) {
      sum += c.risk;
      count++;
    }
    // the running mean only falls as risk falls, so the last prefix at the target is the longest
    if (count === 0 || sum / count >= targetPrecision) {
      length = k + 1;
      keptSum = sum;
      keptCount = count;
    }
  }
  const belowTarget = ranked.length - length;
  const overCapacity = Math.max(0, length - capacity);
  if (overCapacity > 0) {
    length = capacity;
    keptSum = 0;
    keptCount = 0;
    for (let k = 0; k < length; k++) {
      if (ranked[k]!.known) continue;
      keptSum += ranked[k]!.risk;
      keptCount++;
    }
  }
  return { length, expectedPrecision: keptCount === 0 ? null : keptSum / keptCount, expectedFraud: keptSum, belowTarget, overCapacity };
}
