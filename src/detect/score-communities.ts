import { createHash } from 'node:crypto';
import { compareCodeUnits } from '../order.js';
import type { Config } from '../config/config.js';
import type { Components } from '../graph/components.js';
import { clusterIdOf } from './cluster-id.js';
import { ClusterAnalyser, type ClusterAnalysis, type DetectionInput, type MemberFeatures } from './cluster-analysis.js';
import { summariseCluster } from './cluster-summary.js';
import type { CommunityResult } from './communities.js';
import type { CalibrationReport, Candidate, Cluster, Detection, ModelReport } from './detection.js';
import { availability, clusterFeatureNames, priorIntercept, memberFeatureNames, modelTerms, termValue, type Term } from './model-terms.js';
import { measureTermPrevalence, withMeasuredPriors, type TermPrevalence } from './term-prevalence.js';
import { fitRiskModel, type RiskModel, type TrainingSet } from './model/risk-model.js';
import { calibrateRisk, describeCalibration, riskWithoutLabel, type RiskCalibration } from './calibration/risk-calibration.js';
import { reviewQueue } from './decision/review-queue.js';
import { SoloTermValues } from './solo-term-values.js';
import { checkRuleFeatures, type Contribution } from './rules.js';
import { round } from './round.js';

/** Checked once, before any work: a rule that names no feature is a config error. */
export function checkScoringConfig(config: Config): void {
  checkRuleFeatures('cluster', config.scoring.clusterRules, clusterFeatureNames);
  checkRuleFeatures('member', config.scoring.memberRules, memberFeatureNames);
}

/**
 * Stage: communities → ranking → calibration → decision.
 * - ranking: every account is described by the model's terms (its cluster's and its own); the
 *   weights are fitted on what is known (the snapshot's labels; approvals are known fraud but not rows) or stay at their priors;
 * - calibration: the ranking's held-out scores become P(fraud | evidence), corrected for the
 *   share of fraud that carries a label;
 * - decision: each cluster's risk is the mean risk of its members; members of reported clusters
 *   whose own risk reaches the member threshold are candidates, ranked by risk, queued while the
 *   queue's expected precision holds the target, and cut at the team's capacity.
 */
export function scoreCommunities(input: DetectionInput, components: Components, found: CommunityResult, fold: Uint8Array, config: Config): Detection {
  const analyser = new ClusterAnalyser(input, { burstWindowDays: config.features.burstWindowDays, classes: config.kinds.classes });
  const ids = input.snapshot.accounts.ids;
  const available = availability(input.snapshot);
  const { terms: configured, disabled } = modelTerms(config, available);
  // Each community as numbers only: the analyses themselves (objects for every member of a
  // million communities at 10M accounts) would stay in the heap for the collector to walk until
  // the end; the few reported clusters are analysed again below.
  const communities = found.communities.map((community) => termValues(configured, analyser.analyse(Int32Array.from(community).sort((a, b) => compareCodeUnits(ids[a]!, ids[b]!)))));
  const prevalence = measureTermPrevalence(configured, communities, ids.length, config.model.ordinaryRuleShare);
  const terms = withMeasuredPriors(configured, prevalence);
  const training = trainingSet(input, communities, terms, fold, config);
  const model = fitRiskModel(terms, training, priorIntercept(config, available), { folds: config.model.folds, priorScale: config.model.priorScale, minFraudLabels: config.model.minFraudLabels });
  const calibrationOptions = { folds: config.model.folds, minFraudLabels: config.model.minFraudLabels, minAuc: config.model.minCalibrationAuc, labelledSharePrior: config.model.labelledSharePrior };
  const calibration = calibrateRisk(model.heldOut, model.fraudLabels, model.rocAuc, calibrationOptions);
  const scorer: Scorer = { terms, model, calibration };
  const label = input.snapshot.accounts.label;
  const accountRisk = new Float32Array(ids.length);
  const ranking = new Map<number, number>();

  const { clusterThreshold, memberThreshold } = config.scoring;
  const clusters: Cluster[] = [];
  const candidates: Candidate[] = [];
  for (const community of communities) {
    // the cluster's risk first, from numbers alone: most communities are not reported, and
    // their members need no contributions spelled out
    let withoutLabels = 0;
    for (let m = 0; m < community.members.length; m++) {
      const risk = memberRisk(scorer, community.values, m * terms.length);
      withoutLabels += risk.riskWithoutLabel;
      accountRisk[community.members[m]!] = risk.risk;
    }
    const clusterScore = Math.min(0.999999, round(withoutLabels / community.members.length, 6));
    if (clusterScore < clusterThreshold) continue;
    const analysis = analyser.analyse(community.members);
    const { members, features } = analysis;
    const scored = analysis.memberFeatures.map((member, m) => scoreMember(scorer, features, member, community.values, m * terms.length));
    const clusterId = contentId(members, ids);
    const clusterContributions = meanContributions(scored.map((m) => m.cluster), members.length);
    clusters.push({ clusterId, members, score: clusterScore, features, contributions: clusterContributions, shared: analysis.shared, summary: summariseCluster(features) });
    const clusterCodes = clusterContributions.filter((c) => c.points > 0).map((c) => c.code);
    for (let m = 0; m < members.length; m++) {
      const s = scored[m]!;
      if (s.risk < memberThreshold) continue;
      ranking.set(members[m]!, s.logit);
      candidates.push({
        account: members[m]!,
        clusterId,
        score: s.risk,
        memberPoints: round(s.memberPoints),
        features: analysis.memberFeatures[m]!,
        contributions: s.member,
        reasons: [...clusterCodes, ...s.member.filter((c) => c.points > 0).map((c) => c.code)],
      });
    }
  }
  clusters.sort((x, y) => y.score - x.score || compareCodeUnits(x.clusterId, y.clusterId));
  // calibrated risks come in steps: within a step the ranking's own score orders
  candidates.sort((x, y) => y.score - x.score || ranking.get(y.account)! - ranking.get(x.account)! || compareCodeUnits(ids[x.account]!, ids[y.account]!));
  const grouped = new Uint8Array(ids.length);
  for (const community of communities) for (const a of community.members) grouped[a] = 1;
  let expectedUnlabelledFraud = 0;
  const solo = new SoloTermValues(terms, input);
  // a shared row (most lone accounts) has one risk: it is worked out once
  const sharedRisk = new Map<Float64Array, number>();
  const fraudLabel = new Uint8Array(ids.length);
  for (let a = 0; a < ids.length; a++) {
    if (label[a] === 1) fraudLabel[a] = 1;
    if (!grouped[a]) {
      const values = solo.of(a);
      let risk = sharedRisk.get(values);
      if (risk === undefined) {
        risk = memberRisk(scorer, values, 0).risk;
        if (solo.isShared(values)) sharedRisk.set(values, risk);
      }
      accountRisk[a] = risk;
    }
    if (label[a] !== 1) expectedUnlabelledFraud += accountRisk[a]!;
  }
  const budget = candidateBudget(config.review.maxCandidates, ids.length);
  const { targetPrecision } = config.review;
  const queue = reviewQueue(candidates.map((c) => ({ risk: c.score, known: label[c.account] === 1 })), targetPrecision, budget);
  return {
    clusters,
    candidates: candidates.slice(0, queue.length),
    model: modelReport(configured, prevalence, disabled, model, available),
    calibration: calibrationReport(calibration, expectedUnlabelledFraud),
    decision: {
      targetPrecision,
      capacity: budget,
      queued: queue.length,
      expectedPrecision: queue.expectedPrecision === null ? null : round(queue.expectedPrecision, 4),
      expectedFraud: round(queue.expectedFraud, 2),
      belowTarget: queue.belowTarget,
      overCapacity: queue.overCapacity,
    },
    accountRisk: { ids, risk: accountRisk, fraudLabel, proximity: input.proximity },
    stats: {
      components: components.count,
      largestComponent: found.largestComponent,
      largestGroup: found.largestGroup,
      carvedComponents: found.carvedComponents,
      louvainRuns: found.louvainRuns,
      communities: found.communities.length,
      hubs: input.weights.hubCount,
      candidatesFound: candidates.length,
      candidatesOverBudget: queue.overCapacity,
      candidateBudget: budget,
      candidatesBelowTarget: queue.belowTarget,
    },
  };
}

interface ScoredMember {
  risk: number;
  riskWithoutLabel: number;
  /** the ranking's log-odds without the account's own label */
  logit: number;
  memberPoints: number;
  cluster: Contribution[];
  member: Contribution[];
}

/** A community as the model reads it: its members and every term's value for each member. */
interface CommunityTerms {
  members: Int32Array;
  /** row-major: member m's value of term t at m × terms + t */
  values: Float64Array;
}

function termValues(terms: readonly Term[], analysis: ClusterAnalysis): CommunityTerms {
  const { members, features, memberFeatures } = analysis;
  const values = new Float64Array(members.length * terms.length);
  for (let m = 0; m < members.length; m++) for (let t = 0; t < terms.length; t++) values[m * terms.length + t] = termValue(terms[t]!, features, memberFeatures[m]!);
  return { members, values };
}

/** The ranking, its calibration, and the terms they read. */
interface Scorer {
  terms: readonly Term[];
  model: RiskModel;
  calibration: RiskCalibration;
}

/**
 * A member's risk with and without its own label, from its term values (values[at + t]), as
 * scoreMember gives it. The calibration reads the ranking's score without the account's own
 * label (the fit never saw labels as a term); the label then moves that probability by its
 * fixed log-odds, so known fraud stays fraud and a cleared account stays cleared.
 */
function memberRisk({ terms, model, calibration }: Scorer, values: Float64Array, at: number): Pick<ScoredMember, 'risk' | 'riskWithoutLabel' | 'logit'> {
  let z = model.intercept;
  let fixed = 0;
  let aided = 0;
  for (let t = 0; t < terms.length; t++) {
    const x = values[at + t]!;
    if (x === 0) continue;
    const points = model.weights[t]! * x;
    z += points;
    if (terms[t]!.fixed) fixed += points;
    else if (terms[t]!.labelDerived) aided += points;
  }
  const unlabelled = riskWithoutLabel(calibration, z - fixed, z - fixed - aided);
  return { risk: fixed === 0 ? probability(unlabelled) : probability(logit(unlabelled) + fixed, true), riskWithoutLabel: unlabelled, logit: z - fixed };
}

function logit(p: number): number {
  const q = Math.min(1 - 1e-9, Math.max(1e-9, p));
  return Math.log(q / (1 - q));
}

/** A member's risk and the contributions behind it; its term values are values[at + t], its features say what each one read. */
function scoreMember(scorer: Scorer, cluster: ClusterAnalysis['features'], member: MemberFeatures, values: Float64Array, at: number): ScoredMember {
  const { terms, model } = scorer;
  let memberPoints = 0;
  const clusterContributions: Contribution[] = [];
  const memberContributions: Contribution[] = [];
  terms.forEach((term, t) => {
    const x = values[at + t]!;
    if (x === 0) return;
    const points = model.weights[t]! * x;
    if (term.scope === 'member') memberPoints += points;
    const raw = ((term.scope === 'cluster' ? cluster : member) as unknown as Record<string, number>)[term.feature] ?? 0;
    (term.scope === 'cluster' ? clusterContributions : memberContributions).push({ code: term.code, feature: term.feature, value: raw, points: round(points, 3), description: term.description });
  });
  return { ...memberRisk(scorer, values, at), memberPoints, cluster: clusterContributions, member: memberContributions };
}

/** A probability to six places that never reads as certainty: 0 < p < 1 (from log-odds when told). */
function probability(p: number, fromLogOdds = false): number {
  const q = fromLogOdds ? 1 / (1 + Math.exp(-p)) : p;
  return Math.min(0.999999, Math.max(0.000001, round(q, 6)));
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

/** A cluster's contributions: each cluster term's mean over the members (label terms see each member's view). */
function meanContributions(perMember: Contribution[][], size: number): Contribution[] {
  const byCode = new Map<string, Contribution>();
  for (const list of perMember) {
    for (const c of list) {
      const seen = byCode.get(c.code);
      if (seen) seen.points += c.points / size;
      else byCode.set(c.code, { ...c, points: c.points / size });
    }
  }
  return [...byCode.values()].map((c) => ({ ...c, points: round(c.points, 3) }));
}

/**
 * The rows the model is fitted on: the members of every community, and the accounts in no
 * community with their own features. Unlabelled accounts beyond the configured maximums are a
 * deterministic sample, each weighted up so the sample stands for all; labelled ones are all used.
 */
function trainingSet(input: DetectionInput, communities: readonly CommunityTerms[], terms: readonly Term[], fold: Uint8Array, config: Config): TrainingSet {
  const { snapshot } = input;
  const label = snapshot.accounts.label;
  const n = snapshot.accounts.ids.length;
  // Approvals are known fraud (their own risk is 1 and proximity starts from them), but not
  // training or calibration rows: reviewers approve what the ranking queued, so they are neither
  // a sample of where fraud lies nor of which fraud carries a label. Counted, they crowd the top
  // of the ranking with labels and the labelled share read there jumps (5 approvals on 47 labels
  // tripled it), which lowers every other account's risk the next night.
  const approved = snapshot.accounts.approved;
  const trains = (a: number) => approved === undefined || approved[a] !== 1;
  const freeIndex = terms.flatMap((t, i) => (t.fixed ? [] : [i]));
  const free = freeIndex.map((i) => terms[i]!);
  const grouped = new Uint8Array(n);
  let groupedUnlabelled = 0;
  for (const community of communities) {
    for (const a of community.members) {
      grouped[a] = 1;
      if (label[a] !== 1) groupedUnlabelled++;
    }
  }
  // unlabelled members beyond the cap: a systematic sample in community order, weighted up
  const groupedRate = groupedUnlabelled <= config.model.maxGroupedTrainingAccounts ? 1 : config.model.maxGroupedTrainingAccounts / groupedUnlabelled;
  const sampled = new Uint8Array(n);
  let groupedRows = 0;
  let groupedOffered = 0;
  let groupedAccepted = 0;
  for (const community of communities) {
    for (const a of community.members) {
      if (!trains(a)) continue;
      if (label[a] !== 1) {
        groupedOffered++;
        if (Math.floor(groupedOffered * groupedRate) === groupedAccepted) continue;
        groupedAccepted++;
      }
      sampled[a] = 1;
      groupedRows++;
    }
  }
  let unlabelledSolo = 0;
  for (let a = 0; a < n; a++) if (!grouped[a] && label[a] !== 1) unlabelledSolo++;
  // lone accounts always keep a sample (a quarter of the rows at least): where the communities
  // alone fill maxTrainingAccounts (about 330k members at 1M accounts) none was left, so the lone
  // labelled accounts stood for all lone accounts, the bottom of the calibration read them as a
  // labelled share of 1, and no account reached the member threshold
  const room = Math.max(config.model.maxTrainingAccounts - groupedRows, Math.floor(config.model.maxTrainingAccounts / 4));
  const rate = unlabelledSolo <= room ? 1 : room / unlabelledSolo;
  const soloRows: number[] = [];
  let accepted = 0;
  let offered = 0;
  for (let a = 0; a < n; a++) {
    if (grouped[a] || !trains(a)) continue;
    if (label[a] !== 1) {
      // systematic sample: keep an account whenever the running quota passes a whole number
      offered++;
      if (Math.floor(offered * rate) === accepted) continue;
      accepted++;
    }
    soloRows.push(a);
  }

  const d = free.length;
  const rows = groupedRows + soloRows.length;
  const x = new Float64Array(rows * d);
  const account = new Int32Array(rows);
  let r = 0;
  for (const { members, values } of communities) {
    for (let m = 0; m < members.length; m++) {
      if (!sampled[members[m]!]) continue;
      for (let t = 0; t < d; t++) x[r * d + t] = values[m * terms.length + freeIndex[t]!]!;
      account[r++] = members[m]!;
    }
  }
  const solo = new SoloTermValues(free, input);
  for (const a of soloRows) {
    x.set(solo.of(a), r * d);
    account[r++] = a;
  }
  // plain loops: TypedArray.from with a mapping function is slow on half a million rows
  const y = new Uint8Array(rows);
  const inGroup = new Uint8Array(rows);
  const weight = new Float64Array(rows);
  const rowFold = new Uint8Array(rows);
  for (let k = 0; k < rows; k++) {
    const a = account[k]!;
    y[k] = label[a] === 1 ? 1 : 0;
    inGroup[k] = grouped[a]!;
    weight[k] = label[a] === 1 ? 1 : grouped[a] ? 1 / groupedRate : 1 / rate;
    rowFold[k] = fold[a]!;
  }
  return { x, y, grouped: inGroup, weight, fold: rowFold, rows };
}

function modelReport(terms: readonly Term[], prevalence: readonly TermPrevalence[], disabled: string[], model: RiskModel, available: Record<string, boolean>): ModelReport {
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

/**
 * A share never budgets fewer candidates than this. On a small export a share means a handful,
 * and small exports are often the ones enriched for fraud (a quarter of a 1,300-account sample
 * can be rings): the valve is for floods, not for a short list.
 */
const MIN_SHARE_BUDGET = 1000;

/** `review.maxCandidates` as a count: a whole number, or a percentage of all accounts. */
export function candidateBudget(setting: number | string, accounts: number): number {
  if (typeof setting === 'number') return setting;
  return Math.max(MIN_SHARE_BUDGET, Math.floor((Number(setting.slice(0, -1)) / 100) * accounts));
}

/** A cluster's first id is derived from its members, so the same ring gets the same id on the same input. */
function contentId(members: Int32Array, ids: readonly string[]): string {
  const hash = createHash('sha256');
  for (const a of members) hash.update(ids[a]!).update('\n');
  return clusterIdOf(hash);
}

