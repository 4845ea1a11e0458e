import type { Config } from '../../config/config.js';
import { ClusterAnalyser, type DetectionInput } from '../cluster-analysis.js';
import type { Detection } from '../detection.js';
import { applyBucket } from './apply-bucket.js';
import type { DetectionBucket } from './detection-bucket.js';
import { mapBucket } from './map-bucket.js';
import { mergeDetection } from './merge-detection.js';
import { configuredTerms, fitNight, planNight } from './night-fit.js';
import type { NightTotals } from './night-totals.js';
import { bucketTrainingRows, mergeTrainingRows } from './training-rows.js';

/** Runs one step of detection and says how long it took (the run's stage timer); a plain call when not told. */
export type DetectionStep = <T>(name: string, work: () => T) => Promise<T>;

export const untimed: DetectionStep = async (_name, work) => work();

/**
 * Stage: communities → ranking → calibration → decision, over a partition of the components
 * into buckets. The answer does not depend on the partition: every random choice is seeded by
 * a component, every global order (the training sample, the rows the fit adds up, the ranking)
 * is rebuilt from the buckets' places in it, and sums across buckets are exact.
 * 1. map, per bucket: communities, their term values, the lone accounts, and counts;
 * 2. reduce, once: how often each rule fires → priors; the training sample; the fit (PU,
 *    out of fold) and the calibration of its held-out scores;
 * 3. apply, per bucket: every account's risk, the clusters and candidates;
 * 4. merge: clusters and candidates in the night's order, the review queue cut on them.
 * Every bucket here is a slice of one snapshot held whole; detectFromBuckets runs the same
 * phases over buckets each loaded alone.
 */
export async function detectByBuckets(input: DetectionInput, totals: NightTotals, buckets: readonly DetectionBucket[], fold: Uint8Array, config: Config, step: DetectionStep = untimed): Promise<Detection> {
  const analyser = new ClusterAnalyser(input, { burstWindowDays: config.features.burstWindowDays, classes: config.kinds.classes });
  const { terms: configured } = configuredTerms(totals, config);

  const maps = await step('communities', () => buckets.map((bucket) => mapBucket(input, bucket, analyser, configured, config)));

  const night = await step('fit', () => {
    const plan = planNight(maps.map((m) => m.summary), totals, config);
    const training = mergeTrainingRows(maps.map((map, b) => bucketTrainingRows(input, map, plan.sample, plan.sample.buckets[b]!, plan.terms, fold)));
    return fitNight(plan, training, totals, config);
  });

  return step('score', () => {
    const accountRisk = new Float32Array(input.snapshot.accounts.ids.length);
    const scorer = { terms: night.terms, model: night.model, calibration: night.calibration };
    const applied = maps.map((map) => applyBucket(input, map, analyser, scorer, config, accountRisk));
    const { ids, label } = input.snapshot.accounts;
    return mergeDetection({ ids, label, proximity: input.proximity }, applied, maps.map((m) => m.grouping), night, totals, accountRisk, config);
  });
}
