/**
 * What a review of the top of a ranking would find, for a team that reads deeper than the night's
 * precision target lets the queue go. Rows are the accounts without a fraud label; a tie at the
 * cut is shared in proportion, so no order the scores do not give flatters the ranking.
 */
export interface RankingDepth {
  /** accounts read (a shared tie counts in part) */
  accounts: number;
  /** fraud among them (a shared tie's fraud in proportion) */
  fraud: number;
  /** mean risk of the accounts read, where the score is a risk */
  expectedPrecision: number | null;
}

/** The `count` rows that score highest, a tie across the cut shared in proportion. */
export function topOfRanking(score: ArrayLike<number>, fraud: ArrayLike<number>, count: number): RankingDepth {
  const order = descending(score);
  let accounts = 0;
  let found = 0;
  let sum = 0;
  for (let k = 0; k < order.length && accounts < count; ) {
    const s = score[order[k]!]!;
    let tie = 0;
    let tieFraud = 0;
    while (k < order.length && score[order[k]!] === s) {
      tieFraud += fraud[order[k]!]!;
      tie++;
      k++;
    }
    const part = Math.min(1, (count - accounts) / tie);
    accounts += part * tie;
    found += part * tieFraud;
    sum += part * tie * s;
  }
  return { accounts, fraud: found, expectedPrecision: accounts === 0 ? null : sum / accounts };
}

/**
 * The longest run of rows from the top, by risk (ties whole), whose mean risk stays at or above
 * `target`: the queue a precision target would draw from these rows.
 */
export function prefixAtPrecision(risk: ArrayLike<number>, fraud: ArrayLike<number>, target: number): RankingDepth {
  const order = descending(risk);
  let seen = 0;
  let found = 0;
  let sum = 0;
  let kept: RankingDepth = { accounts: 0, fraud: 0, expectedPrecision: null };
  for (let k = 0; k < order.length; ) {
    const s = risk[order[k]!]!;
    while (k < order.length && risk[order[k]!] === s) {
      found += fraud[order[k]!]!;
      sum += s;
      seen++;
      k++;
    }
    // the running mean only falls as risk falls: the last prefix at the target is the longest
    if (sum / seen >= target) kept = { accounts: seen, fraud: found, expectedPrecision: sum / seen };
    else break;
  }
  return kept;
}

function descending(score: ArrayLike<number>): number[] {
  return Array.from({ length: score.length }, (_, i) => i).sort((a, b) => score[b]! - score[a]! || a - b);
}
