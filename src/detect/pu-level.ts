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
  const order = Array.from({ length: others.length }, (_, i) => i).sort((x, y) => others[y]! - others[x]! || x - y);
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
