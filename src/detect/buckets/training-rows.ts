import type { DetectionInput } from '../cluster-analysis.js';
import type { Term } from '../model-terms.js';
import type { TrainingSet } from '../training-set.js';
import { SoloTermValues } from '../solo-term-values.js';
import type { BucketMap } from './map-bucket.js';
import { keptBySample, type BucketSample, type TrainingSample } from './training-sample.js';

/** A bucket's training rows, each with its place in the global row order. */
export interface BucketTrainingRows {
  rows: TrainingSet;
  /** grouped rows: the community's first account (a community's rows stay together, in member order); lone rows: the account */
  key: Int32Array;
}

/**
 * The rows the model is fitted on, from one bucket: the members of its communities, and its
 * accounts in no community with their own features. Labelled accounts are all used; unlabelled
 * ones are kept by the global systematic sample (planTrainingSample), each weighted up so the
 * sample stands for all. `terms` are the model's terms; fixed ones are left out of the rows.
 *
 * Approvals are known fraud (their own risk is 1 and proximity starts from them), but not
 * training or calibration rows: reviewers approve what the ranking queued, so they are neither a
 * sample of where fraud lies nor of which fraud carries a label. Counted, they crowd the top of
 * the ranking with labels and the labelled share read there jumps (5 approvals on 47 labels
 * tripled it), which lowers every other account's risk the next night.
 */
export function bucketTrainingRows(input: DetectionInput, map: BucketMap, sample: TrainingSample, place: BucketSample, terms: readonly Term[], fold: Uint8Array): BucketTrainingRows {
  const { label, approved } = input.snapshot.accounts;
  const trains = (a: number) => approved === undefined || approved[a] !== 1;
  const freeIndex = terms.flatMap((t, i) => (t.fixed ? [] : [i]));
  const d = freeIndex.length;
  const groupedRows: number[] = [];
  const groupedAt: number[] = [];
  const groupedKey: number[] = [];
  map.communities.forEach(({ first, members }, c) => {
    let k = place.communityOffset[c]!;
    for (let m = 0; m < members.length; m++) {
      const a = members[m]!;
      if (!trains(a)) continue;
      if (label[a] !== 1 && !keptBySample(++k, sample.groupedRate)) continue;
      groupedRows.push(a);
      groupedAt.push(c, m);
      groupedKey.push(first);
    }
  });
  const loneRows: number[] = [];
  let offer = 0;
  for (const a of map.lone) {
    if (!trains(a)) continue;
    // loneOffers lists exactly the lone accounts that train and carry no fraud label, in this order
    if (label[a] !== 1 && !keptBySample(place.loneOffset[offer++]! + 1, sample.loneRate)) continue;
    loneRows.push(a);
  }

  const rows = groupedRows.length + loneRows.length;
  const x = new Float64Array(rows * d);
  let r = 0;
  for (let g = 0; g < groupedRows.length; g++, r++) {
    const { values } = map.communities[groupedAt[2 * g]!]!;
    const m = groupedAt[2 * g + 1]!;
    for (let t = 0; t < d; t++) x[r * d + t] = values[m * terms.length + freeIndex[t]!]!;
  }
  const solo = new SoloTermValues(freeIndex.map((i) => terms[i]!), input);
  for (const a of loneRows) x.set(solo.of(a), r++ * d);
  const y = new Uint8Array(rows);
  const grouped = new Uint8Array(rows);
  const weight = new Float64Array(rows);
  const rowFold = new Uint8Array(rows);
  const key = new Int32Array(rows);
  for (let k = 0; k < rows; k++) {
    const isGrouped = k < groupedRows.length;
    const a = isGrouped ? groupedRows[k]! : loneRows[k - groupedRows.length]!;
    y[k] = label[a] === 1 ? 1 : 0;
    grouped[k] = isGrouped ? 1 : 0;
    weight[k] = label[a] === 1 ? 1 : isGrouped ? 1 / sample.groupedRate : 1 / sample.loneRate;
    rowFold[k] = fold[a]!;
    key[k] = isGrouped ? groupedKey[k]! : a;
  }
  return { rows: { x, y, grouped, weight, fold: rowFold, rows }, key };
}

/**
 * The buckets' rows as one training set, in the global order a single pass would have made them:
 * community members first, community by community, then lone accounts by account. The fit adds
 * rows up in this order, so the order is part of the answer.
 */
export function mergeTrainingRows(parts: readonly BucketTrainingRows[]): TrainingSet {
  if (parts.length === 1) return parts[0]!.rows;
  const order: Array<[number, number]> = [];
  parts.forEach((part, b) => {
    for (let r = 0; r < part.rows.rows; r++) order.push([b, r]);
  });
  // within a bucket, rows of one key are already in order (a community's members); keys never repeat across buckets
  order.sort(([b1, r1], [b2, r2]) => {
    const p1 = parts[b1]!;
    const p2 = parts[b2]!;
    return p2.rows.grouped[r2]! - p1.rows.grouped[r1]! || p1.key[r1]! - p2.key[r2]! || r1 - r2;
  });
  const rows = order.length;
  const d = rows === 0 ? 0 : parts.find((p) => p.rows.rows > 0)!.rows.x.length / parts.find((p) => p.rows.rows > 0)!.rows.rows;
  const merged: TrainingSet = { x: new Float64Array(rows * d), y: new Uint8Array(rows), grouped: new Uint8Array(rows), weight: new Float64Array(rows), fold: new Uint8Array(rows), rows };
  order.forEach(([b, r], k) => {
    const from = parts[b]!.rows;
    merged.x.set(from.x.subarray(r * d, (r + 1) * d), k * d);
    merged.y[k] = from.y[r]!;
    merged.grouped[k] = from.grouped[r]!;
    merged.weight[k] = from.weight[r]!;
    merged.fold[k] = from.fold[r]!;
  });
  return merged;
}
