import type { BucketSummary } from './map-bucket.js';

/** How the training rows are sampled, as the reduce decides it for every bucket. */
export interface TrainingSample {
  /** the share of offered community members kept, and of offered lone accounts */
  groupedRate: number;
  loneRate: number;
  buckets: BucketSample[];
}

/** A bucket's places in the two global sample orders. */
export interface BucketSample {
  /** per community (bucket order): the members offered before it, in all buckets */
  communityOffset: Float64Array;
  /** per offered lone account (BucketSummary.loneOffers): the lone accounts offered before it, in all buckets */
  loneOffset: Float64Array;
}

export interface SampleCaps {
  maxTrainingAccounts: number;
  maxGroupedTrainingAccounts: number;
}

/**
 * Unlabelled accounts beyond the configured maximums are a systematic sample: the k-th account
 * offered is kept when ⌊k × rate⌋ passes a whole number. Offered in one global order (members
 * community by community, communities by their first account; then lone accounts by account),
 * so a bucket needs only the rate and how many were offered before each of its own, whatever the
 * partition: that is what this reduce hands back.
 */
export function planTrainingSample(summaries: readonly BucketSummary[], caps: SampleCaps): TrainingSample {
  let groupedUnlabelled = 0;
  let loneUnlabelled = 0;
  let groupedLabelledRows = 0;
  let groupedOffered = 0;
  for (const s of summaries) {
    groupedUnlabelled += s.groupedUnlabelled;
    loneUnlabelled += s.loneUnlabelled;
    groupedLabelledRows += s.groupedLabelledRows;
    for (const n of s.communityOffers) groupedOffered += n;
  }
  const groupedRate = groupedUnlabelled <= caps.maxGroupedTrainingAccounts ? 1 : caps.maxGroupedTrainingAccounts / groupedUnlabelled;
  // the running sample keeps ⌊offered × rate⌋ of the offered members in all
  const groupedRows = groupedLabelledRows + Math.floor(groupedOffered * groupedRate);
  // lone accounts always keep a sample (a quarter of the rows at least): where the communities
  // alone fill maxTrainingAccounts (about 330k members at 1M accounts) none was left, so the lone
  // labelled accounts stood for all lone accounts, the bottom of the calibration read them as a
  // labelled share of 1, and no account reached the member threshold
  const room = Math.max(caps.maxTrainingAccounts - groupedRows, Math.floor(caps.maxTrainingAccounts / 4));
  const loneRate = loneUnlabelled <= room ? 1 : room / loneUnlabelled;
  const communityOffset = offsetsInMergedOrder(summaries.map((s) => ({ keys: s.communityFirst, counts: s.communityOffers })));
  const loneOffset = offsetsInMergedOrder(summaries.map((s) => ({ keys: s.loneOffers })));
  return { groupedRate, loneRate, buckets: summaries.map((_, b) => ({ communityOffset: communityOffset[b]!, loneOffset: loneOffset[b]! })) };
}

/** Whether the k-th account offered (k from 1) is kept by the systematic sample at `rate` (≤ 1). */
export function keptBySample(k: number, rate: number): boolean {
  return Math.floor(k * rate) !== Math.floor((k - 1) * rate);
}

/**
 * Lists of distinct ascending keys, each key standing for `counts` items (1 each when no counts):
 * for every key of every list, the items of all lists whose keys come before it. A walk of each
 * list against the others; the lists are the buckets, so they are few.
 */
export function offsetsInMergedOrder(lists: readonly { keys: Int32Array; counts?: Int32Array }[]): Float64Array[] {
  const before = lists.map(({ keys, counts }) => {
    const sums = new Float64Array(keys.length + 1);
    for (let i = 0; i < keys.length; i++) sums[i + 1] = sums[i]! + (counts ? counts[i]! : 1);
    return sums;
  });
  return lists.map(({ keys }, b) => {
    const offsets = Float64Array.from(before[b]!.subarray(0, keys.length));
    lists.forEach((other, o) => {
      if (o === b) return;
      let p = 0;
      for (let i = 0; i < keys.length; i++) {
        while (p < other.keys.length && other.keys[p]! < keys[i]!) p++;
        offsets[i]! += before[o]![p]!;
      }
    });
    return offsets;
  });
}
