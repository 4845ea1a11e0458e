/** How many accounts one previous cluster and one current cluster have in common (at least one). */
export interface ClusterOverlap {
  /** index into the previous clusters */
  previous: number;
  /** index into the current clusters */
  current: number;
  overlap: number;
}

/**
 * Every (previous, current) pair of clusters that share an account, with the number they share.
 *
 * Previous clusters are indexed by account, so the cost is one map lookup per current member and
 * never a pass over all pairs: a night with 50k clusters would otherwise be 2.5 billion pairs.
 * Communities are disjoint, but an account in two previous clusters (a hand-edited or merged run
 * folder) is still counted for both rather than silently for one. Member sets must be duplicate-free.
 *
 * Output order: by current index, then previous index.
 */
export function clusterOverlaps(previous: readonly ReadonlySet<string>[], current: readonly ReadonlySet<string>[]): ClusterOverlap[] {
  const home = new Map<string, number>();
  const alsoIn = new Map<string, number[]>();
  for (let p = 0; p < previous.length; p++) {
    for (const account of previous[p]!) {
      if (!home.has(account)) home.set(account, p);
      else {
        const more = alsoIn.get(account);
        if (more) more.push(p);
        else alsoIn.set(account, [p]);
      }
    }
  }

  const counts = new Int32Array(previous.length);
  const touched: number[] = [];
  const bump = (p: number): void => {
    if (counts[p] === 0) touched.push(p);
    counts[p]! += 1;
  };
  const result: ClusterOverlap[] = [];
  for (let c = 0; c < current.length; c++) {
    for (const account of current[c]!) {
      const p = home.get(account);
      if (p === undefined) continue;
      bump(p);
      if (alsoIn.size > 0) for (const q of alsoIn.get(account) ?? []) bump(q);
    }
    touched.sort((a, b) => a - b);
    for (const p of touched) {
      result.push({ previous: p, current: c, overlap: counts[p]! });
      counts[p] = 0;
    }
    touched.length = 0;
  }
  return result;
}
