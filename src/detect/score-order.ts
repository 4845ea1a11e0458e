/**
 * Indexes 0 … n−1 ordered by score, ascending or descending, equal scores in index order: what
 * sorting the indexes with (score, index) as the key gives, without a comparison function
 * called millions of times (hundreds of thousands of training rows are ranked several times a
 * night). The scores are sorted as numbers, each index finds its score's place among the
 * distinct ones, and a counting pass lays the indexes out in index order within each place.
 * 0 and −0 are one score, as they are to a comparison. Scores with a NaN, which no order holds,
 * take the comparison sort.
 */
export function scoreOrder(score: ArrayLike<number>, n: number, descending: boolean): Int32Array {
  const distinct = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const v = score[i]!;
    if (Number.isNaN(v)) return comparisonOrder(score, n, descending);
    distinct[i] = v;
  }
  distinct.sort();
  let places = 0;
  for (let i = 0; i < n; i++) if (places === 0 || distinct[i] !== distinct[places - 1]) distinct[places++] = distinct[i]!;
  const place = new Int32Array(n);
  const next = new Int32Array(places + 1);
  for (let i = 0; i < n; i++) {
    const v = score[i]!;
    let lo = 0;
    let hi = places - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (distinct[mid]! < v) lo = mid + 1;
      else hi = mid;
    }
    const p = descending ? places - 1 - lo : lo;
    place[i] = p;
    next[p + 1]!++;
  }
  for (let p = 0; p < places; p++) next[p + 1]! += next[p]!;
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[next[place[i]!]!++] = i;
  return order;
}

function comparisonOrder(score: ArrayLike<number>, n: number, descending: boolean): Int32Array {
  const sign = descending ? -1 : 1;
  return Int32Array.from(Array.from({ length: n }, (_, i) => i).sort((a, b) => sign * (score[a]! - score[b]!) || a - b));
}
