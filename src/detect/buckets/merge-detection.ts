import type { Config } from '../../config/config.js';
import { compareCodeUnits } from '../../order.js';
import { describeCalibration, type RiskCalibration } from '../calibration/risk-calibration.js';
import { reviewQueue } from '../decision/review-queue.js';
import type { CalibrationReport, Detection, ModelReport } from '../detection.js';
import { ExactSum } from '../exact-sum.js';
import type { Term } from '../model-terms.js';
import type { RiskModel } from '../model/risk-model.js';
import { round } from '../round.js';
import { candidateBudget } from '../score-communities.js';
import type { TermPrevalence } from '../term-prevalence.js';
import type { BucketApplied } from './apply-bucket.js';
import type { NightTotals } from './night-totals.js';
import type { GroupingStats } from './map-bucket.js';

/** The night's accounts as the merge reads them: ids and labels in the night's order, and proximity to known fraud. */
export interface NightAccounts {
  ids: readonly string[];
  label: Int8Array;
  proximity: Float64Array;
}

/** What the reduce decided for the whole night. */
export interface NightModel {
  /** the configured terms (before their priors were measured) and how often each fires */
  configured: readonly Term[];
  prevalence: readonly TermPrevalence[];
  disabled: string[];
  available: Record<string, boolean>;
  model: RiskModel;
  calibration: RiskCalibration;
}

/**
 * The buckets' results as one detection, the same whatever the partition: clusters by score then
 * id, candidates by risk, then the ranking's own score, then account id; the review queue is cut
 * on the merged ranking, so the team's capacity and the precision target hold for the night.
 */
export function mergeDetection(accounts: NightAccounts, applied: readonly BucketApplied[], grouping: readonly GroupingStats[], night: NightModel, totals: NightTotals, accountRisk: Float32Array, config: Config): Detection {
  const { ids, label } = accounts;
  const clusters = applied.flatMap((a) => a.clusters);
  clusters.sort((x, y) => y.score - x.score || compareCodeUnits(x.clusterId, y.clusterId));
  const ranked = applied.flatMap((a) => a.candidates);
  // calibrated risks come in steps: within a step the ranking's own score orders
  ranked.sort((x, y) => y.candidate.score - x.candidate.score || y.logit - x.logit || compareCodeUnits(ids[x.candidate.account]!, ids[y.candidate.account]!));
  const candidates = ranked.map((r) => r.candidate);
  const unlabelledRisk = new ExactSum();
  for (const a of applied) unlabelledRisk.addSum(a.unlabelledRisk);
  const fraudLabel = new Uint8Array(ids.length);
  for (let a = 0; a < ids.length; a++) if (label[a] === 1) fraudLabel[a] = 1;

  const budget = candidateBudget(config.review.maxCandidates, totals.accounts);
  const { targetPrecision } = config.review;
  const queue = reviewQueue(candidates.map((c) => ({ risk: c.score, known: label[c.account] === 1 })), targetPrecision, budget);
  return {
    clusters,
    candidates: candidates.slice(0, queue.length),
    model: modelReport(night),
    calibration: calibrationReport(night.calibration, unlabelledRisk.value()),
    decision: {
      targetPrecision,
      capacity: budget,
      queued: queue.length,
      expectedPrecision: queue.expectedPrecision === null ? null : round(queue.expectedPrecision, 4),
      expectedFraud: round(queue.expectedFraud, 2),
      belowTarget: queue.belowTarget,
      overCapacity: queue.overCapacity,
    },
    accountRisk: { ids, risk: accountRisk, fraudLabel, proximity: accounts.proximity },
    stats: {
      components: totals.components,
      largestComponent: Math.max(0, ...grouping.map((g) => g.largestComponent)),
      largestGroup: Math.max(0, ...grouping.map((g) => g.largestGroup)),
      carvedComponents: grouping.reduce((n, g) => n + g.carvedComponents, 0),
      louvainRuns: grouping.reduce((n, g) => n + g.louvainRuns, 0),
      communities: grouping.reduce((n, g) => n + g.communities, 0),
      hubs: totals.hubs,
      candidatesFound: candidates.length,
      candidatesOverBudget: queue.overCapacity,
      candidateBudget: budget,
      candidatesBelowTarget: queue.belowTarget,
    },
  };
}

function modelReport({ configured: terms, prevalence, disabled, model, available }: NightModel): ModelReport {
  return {
    source: model.source,
    reason: model.reason,
    fraudLabels: model.fraudLabels,
    otherAccounts: model.otherRows,
    rocAuc: model.rocAuc,
    prAuc: model.prAuc,
    levelShift: model.levelShift,
    intercept: round(model.intercept, 3),
    terms: terms.map((t, i) => ({ code: t.code, feature: t.feature, prior: t.prior, firingShare: prevalence[i]!.share, measuredPrior: prevalence[i]!.prior, weight: round(model.weights[i]!, 3), fixed: t.fixed })),
    disabledTerms: disabled,
    available,
    calibration: model.calibration,
  };
}

function steps(map: RiskCalibration['map']): CalibrationReport['map'] {
  return map.from.map((from, i) => ({ from: round(from, 4), labelled: round(map.value[i]!, 5), weight: round(map.weight[i]!, 1) }));
}

function calibrationReport(calibration: RiskCalibration, expectedUnlabelledFraud: number): CalibrationReport {
  const { map, unaidedMap, labelledShareEstimates, ...rest } = calibration;
  return {
    ...rest,
    groupedAuc: rest.groupedAuc === null ? null : round(rest.groupedAuc, 4),
    labelledShare: rest.labelledShare === null ? null : round(rest.labelledShare, 4),
    bulkLabelledShare: rest.bulkLabelledShare === null ? null : round(rest.bulkLabelledShare, 6),
    heldOutAuc: rest.heldOutAuc === null ? null : round(rest.heldOutAuc, 4),
    labelledShareEstimates,
    map: steps(map),
    unaidedMap: steps(unaidedMap),
    expectedUnlabelledFraud: round(expectedUnlabelledFraud, 2),
    description: describeCalibration(calibration),
  };
}
