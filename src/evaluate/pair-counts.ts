/** Pairs of items that fall together, counted without enumerating them. */
export interface PairCounts {
  /** Pairs in the same predicted cluster. */
  predicted: number;
  /** Pairs in the same true group. */
  actual: number;
  /** Pairs in the same predicted cluster and the same true group. */
  correct: number;
}

const pairs = (n: number): number => (n * (n - 1)) / 2;

/**
 * Pair counts from the contingency table of (predicted cluster, true group) per item: a cluster of
 * n holds n(n-1)/2 pairs, and the correct pairs are those inside each cell. -1 means "in no
 * cluster" / "in no group" (a singleton, which forms no pair). Linear in the number of items.
 */
export function pairCounts(predicted: Int32Array, actual: Int32Array): PairCounts {
  if (predicted.length !== actual.length) throw new Error('pairCounts: arrays differ in length');
  const clusterSize = new Map<number, number>();
  const groupSize = new Map<number, number>();
  const cell = new Map<string, number>();
  for (let i = 0; i < predicted.length; i++) {
    const c = predicted[i]!;
    const g = actual[i]!;
    if (c >= 0) clusterSize.set(c, (clusterSize.get(c) ?? 0) + 1);
    if (g >= 0) groupSize.set(g, (groupSize.get(g) ?? 0) + 1);
    if (c >= 0 && g >= 0) {
      const key = `${c}:${g}`;
      cell.set(key, (cell.get(key) ?? 0) + 1);
    }
  }
  let predictedPairs = 0;
  for (const n of clusterSize.values()) predictedPairs += pairs(n);
  let actualPairs = 0;
  for (const n of groupSize.values()) actualPairs += pairs(n);
  let correct = 0;
  for (const n of cell.values()) correct += pairs(n);
  return { predicted: predictedPairs, actual: actualPairs, correct };
}
