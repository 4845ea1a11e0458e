import type { Components } from '../../graph/components.js';
import { compareCodeUnits } from '../../order.js';
import { hashSeed } from '../seeded-random.js';

/** Components as community detection walks them: each one's accounts, ascending. */
export type ComponentList = Pick<Components, 'count' | 'offsets' | 'members'>;

/**
 * A set of whole components that detection maps and applies on its own. Account indices are
 * those of the snapshot the bucket was read into; an account's index is also its place in the
 * global account order (the accounts table's row order), which the reduce merges on.
 */
export interface DetectionBucket {
  components: ComponentList;
  /** every account of the bucket, ascending */
  accounts: Int32Array;
}

/** The whole snapshot as one bucket (the local engine). */
export function wholeSnapshotBucket(components: Components): DetectionBucket {
  return { components, accounts: Int32Array.from({ length: components.members.length }, (_, a) => a) };
}

/**
 * Components split into `count` buckets: component c goes to bucket hash(smallest account id) mod
 * count, so a component's bucket depends on its own accounts only, never on the rest of the
 * snapshot or on the order components are found in.
 */
export function partitionComponents(components: Components, accountIds: readonly string[], count: number): DetectionBucket[] {
  const bucketOf = new Int32Array(components.count);
  const sizes = new Int32Array(count);
  for (let c = 0; c < components.count; c++) {
    let smallest = accountIds[components.members[components.offsets[c]!]!]!;
    for (let p = components.offsets[c]! + 1; p < components.offsets[c + 1]!; p++) {
      const id = accountIds[components.members[p]!]!;
      if (compareCodeUnits(id, smallest) < 0) smallest = id;
    }
    bucketOf[c] = hashSeed(0, smallest) % count;
    sizes[bucketOf[c]!]! += components.offsets[c + 1]! - components.offsets[c]!;
  }
  const buckets = Array.from({ length: count }, (_, b) => ({ offsets: [0], members: new Int32Array(sizes[b]!), filled: 0 }));
  for (let c = 0; c < components.count; c++) {
    const bucket = buckets[bucketOf[c]!]!;
    const members = components.members.subarray(components.offsets[c]!, components.offsets[c + 1]!);
    bucket.members.set(members, bucket.filled);
    bucket.filled += members.length;
    bucket.offsets.push(bucket.filled);
  }
  return buckets.map(({ offsets, members }) => ({
    components: { count: offsets.length - 1, offsets: Int32Array.from(offsets), members },
    accounts: members.slice().sort(),
  }));
}
