import { createHash } from 'node:crypto';
import { mulberry32 } from '../../src/detect/seeded-random.js';
import type { ClusterMembers } from '../../src/lineage/match-clusters.js';
import { compareCodeUnits } from '../../src/order.js';

/** Account ids `<prefix>00`, `<prefix>01`, … : `accounts('A', 3)` is A00, A01, A02. */
export function accounts(prefix: string, count: number, from = 0): string[] {
  return Array.from({ length: count }, (_, i) => `${prefix}${String(from + i).padStart(2, '0')}`);
}

/** The provisional id detection gives a member set: a hash of the sorted account ids. */
export function provisionalId(members: readonly string[]): string {
  const hash = createHash('sha256');
  for (const account of [...members].sort(compareCodeUnits)) hash.update(account).update('\n');
  return `FR-${hash.digest('hex').slice(0, 12)}`;
}

/** A current cluster, as it comes out of detection: provisional id from its members. */
export function fresh(members: readonly string[]): ClusterMembers {
  return { clusterId: provisionalId(members), members };
}

/** Fisher–Yates with a seeded generator, so a "random" order is the same on every run. */
export function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

export { mulberry32 };
