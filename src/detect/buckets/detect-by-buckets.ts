import type { Config } from '../../config/config.js';
import { calibrateRisk } from '../calibration/risk-calibration.js';
import { ClusterAnalyser, type DetectionInput } from '../cluster-analysis.js';
import type { Detection } from '../detection.js';
import { modelTerms, priorIntercept } from '../model-terms.js';
import { fitRiskModel } from '../model/risk-model.js';
import { termPrevalence, withMeasuredPriors } from '../term-prevalence.js';
import { applyBucket } from './apply-bucket.js';
import type { DetectionBucket } from './detection-bucket.js';
import { mapBucket } from './map-bucket.js';
import { mergeDetection } from './merge-detection.js';
import type { NightTotals } from './night-totals.js';
import { bucketTrainingRows, mergeTrainingRows } from './training-rows.js';
import { planTrainingSample } from './training-sample.js';

/** Runs one step of detection and says how long it took (the run's stage timer); a plain call when not told. */
export type DetectionStep = <T>(name: string, work: () => T) => Promise<T>;

const untimed: DetectionStep = async (_name, work) => work();

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
 */
export async function detectByBuckets(input: DetectionInput, totals: NightTotals, buckets: readonly DetectionBucket[], fold: Uint8Array, config: Config, step: DetectionStep = untimed): Promise<Detection> {
  const { accounts, available } = totals;
  const analyser = new ClusterAnalyser(input, { burstWindowDays: config.features.burstWindowDays, classes: config.kinds.classes });
  const { terms: configured, disabled } = modelTerms(config, available);

  const maps = await step('communities', () => buckets.map((bucket) => mapBucket(input, bucket, analyser, configured, config)));

  const night = await step('fit', () => {
    const fires = new Float64Array(configured.length);
    for (const map of maps) map.summary.fires.forEach((n, t) => (fires[t]! += n));
    const prevalence = termPrevalence(configured, fires, accounts, config.model.ordinaryRuleShare);
    const terms = withMeasuredPriors(configured, prevalence);
    const sample = planTrainingSample(maps.map((m) => m.summary), config.model);
    const training = mergeTrainingRows(maps.map((map, b) => bucketTrainingRows(input, map, sample, sample.buckets[b]!, terms, fold)));
    const model = fitRiskModel(terms, training, priorIntercept(config, available), { folds: config.model.folds, priorScale: config.model.priorScale, minFraudLabels: config.model.minFraudLabels });
    const calibration = calibrateRisk(model.heldOut, model.fraudLabels, model.rocAuc, {
      folds: config.model.folds,
      minFraudLabels: config.model.minFraudLabels,
      minAuc: config.model.minCalibrationAuc,
      labelledSharePrior: config.model.labelledSharePrior,
    });
    return { terms, configured, prevalence, disabled, available, model, calibration };
  });

  return step('score', () => {
    const accountRisk = new Float32Array(input.snapshot.accounts.ids.length);
    const scorer = { terms: night.terms, model: night.model, calibration: night.calibration };
    const applied = maps.map((map) => applyBucket(input, map, analyser, scorer, config, accountRisk));
    return mergeDetection(input, applied, maps.map((m) => m.grouping), night, totals, accountRisk, config);
  });
}
