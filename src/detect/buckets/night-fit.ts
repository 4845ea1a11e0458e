import type { Config } from '../../config/config.js';
import { calibrateRisk } from '../calibration/risk-calibration.js';
import { modelTerms, priorIntercept, type Term } from '../model-terms.js';
import { fitRiskModel } from '../model/risk-model.js';
import { termPrevalence, withMeasuredPriors, type TermPrevalence } from '../term-prevalence.js';
import type { TrainingSet } from '../training-set.js';
import type { BucketSummary } from './map-bucket.js';
import type { NightModel } from './merge-detection.js';
import type { NightTotals } from './night-totals.js';
import { planTrainingSample, type TrainingSample } from './training-sample.js';

/** The first half of the reduce: the rules' measured priors and the training sample, from the buckets' summaries. */
export interface NightPlan {
  /** the configured terms (before their priors are measured), and those the snapshot's data leaves out */
  configured: readonly Term[];
  disabled: string[];
  /** the model's terms, priors measured */
  terms: readonly Term[];
  prevalence: readonly TermPrevalence[];
  sample: TrainingSample;
}

/** The configured terms of the night: term values do not depend on priors, so the map phase reads these. */
export function configuredTerms(totals: NightTotals, config: Config): { terms: Term[]; disabled: string[] } {
  return modelTerms(config, totals.available);
}

/** How often each rule fires over all buckets → priors; the training sample's rates and each bucket's places in it. */
export function planNight(summaries: readonly BucketSummary[], totals: NightTotals, config: Config): NightPlan {
  const { terms: configured, disabled } = configuredTerms(totals, config);
  const fires = new Float64Array(configured.length);
  for (const summary of summaries) summary.fires.forEach((n, t) => (fires[t]! += n));
  const prevalence = termPrevalence(configured, fires, totals.accounts, config.model.ordinaryRuleShare);
  const terms = withMeasuredPriors(configured, prevalence);
  return { configured, disabled, terms, prevalence, sample: planTrainingSample(summaries, config.model) };
}

/** The second half of the reduce: the fit (PU, out of fold) on the rows in the night's order, and the calibration of its held-out scores. */
export function fitNight(plan: NightPlan, training: TrainingSet, totals: NightTotals, config: Config): NightModel & { terms: readonly Term[] } {
  const { available } = totals;
  const model = fitRiskModel(plan.terms, training, priorIntercept(config, available), { folds: config.model.folds, priorScale: config.model.priorScale, minFraudLabels: config.model.minFraudLabels });
  const calibration = calibrateRisk(model.heldOut, model.fraudLabels, model.rocAuc, {
    folds: config.model.folds,
    minFraudLabels: config.model.minFraudLabels,
    minAuc: config.model.minCalibrationAuc,
    labelledSharePrior: config.model.labelledSharePrior,
  });
  return { terms: plan.terms, configured: plan.configured, prevalence: plan.prevalence, disabled: plan.disabled, available, model, calibration };
}
