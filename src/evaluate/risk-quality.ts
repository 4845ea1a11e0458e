import type { AccountRisks } from '../detect/detection.js';
import { prefixAtPrecision, topOfRanking, type RankingDepth } from './ranking-depth.js';
import type { Truth } from './truth.js';

/**
 * How well a night's risks hold against the planted truth, over the accounts that carried no
 * fraud label (the ones whose risk was a guess): calibration, the expected count, the ranking,
 * and the lift of the queue.
 */
export interface RiskQuality {
  /** accounts without a fraud label, and how many of them are truly fraud */
  unlabelled: number;
  unlabelledFraud: number;
  /** expected calibration error over them: Σ over risk bins of (share of accounts) × |mean risk − fraud share| */
  calibrationError: number;
  /** Σ risk over them, and its ratio to unlabelledFraud (1 is right) */
  expectedFraud: number;
  expectedFraudRatio: number | null;
  /** average precision of the ranking by risk over them (NaN without fraud among them) */
  averagePrecision: number;
  /** queued accounts without a fraud label, how many are fraud, and their precision over the fraud rate among all unlabelled accounts */
  newCandidates: number;
  newCandidateFraud: number;
  lift: number | null;
  /** the top TOP_SHARE of all accounts' count, taken by risk among them: what a team reading that deep finds */
  top: DepthLift;
  /** the longest run by risk among them whose mean risk holds LOWER_TARGET: the queue a team accepting that precision would draw */
  lowerTarget: DepthLift & { target: number };
  /** the ranking by proximity to known fraud alone (when given): its average precision and its top TOP_SHARE */
  proximityAveragePrecision: number | null;
  proximityTop: DepthLift | null;
}

/** A depth of a ranking, and the precision of what it reads over the fraud rate among all unlabelled accounts. */
export type DepthLift = RankingDepth & { lift: number | null };

/** The share of all accounts a deeper reading takes: 1 %, about what a review team reads on a night of 20,000. */
export const TOP_SHARE = 0.01;
/** A precision a team might accept for a deeper queue, beside the default target. */
export const LOWER_TARGET = 0.05;

/** Equal-width risk bins of the calibration error. */
const ECE_BINS = 10;

/**
 * `risk`, `fraud` (truth: 1 fraud), `labelled` (1 labelled fraud) and `queued` (1 candidate) are
 * per account, in the same order.
 */
export function riskQuality(risk: ArrayLike<number>, fraud: ArrayLike<number>, labelled: ArrayLike<number>, queued: ArrayLike<number>, proximity?: ArrayLike<number>): RiskQuality {
  const rows: number[] = [];
  for (let a = 0; a < risk.length; a++) if (!labelled[a]) rows.push(a);
  let unlabelledFraud = 0;
  let expectedFraud = 0;
  let newCandidates = 0;
  let newCandidateFraud = 0;
  for (const a of rows) {
    unlabelledFraud += fraud[a]!;
    expectedFraud += risk[a]!;
    if (queued[a]) {
      newCandidates++;
      newCandidateFraud += fraud[a]!;
    }
  }
  const baseRate = rows.length === 0 ? 0 : unlabelledFraud / rows.length;
  const rowRisk = rows.map((a) => risk[a]!);
  const rowFraud = rows.map((a) => fraud[a]!);
  const withLift = (depth: RankingDepth): DepthLift => ({ ...depth, lift: depth.accounts === 0 || baseRate === 0 ? null : depth.fraud / depth.accounts / baseRate });
  const depth = Math.ceil(TOP_SHARE * risk.length);
  const rowProximity = proximity === undefined ? null : rows.map((a) => proximity[a]!);
  return {
    unlabelled: rows.length,
    unlabelledFraud,
    calibrationError: expectedCalibrationError(rowRisk, rowFraud),
    expectedFraud,
    expectedFraudRatio: unlabelledFraud === 0 ? null : expectedFraud / unlabelledFraud,
    averagePrecision: averagePrecision(rowRisk, rowFraud),
    newCandidates,
    newCandidateFraud,
    lift: newCandidates === 0 || baseRate === 0 ? null : newCandidateFraud / newCandidates / baseRate,
    top: withLift(topOfRanking(rowRisk, rowFraud, depth)),
    lowerTarget: { ...withLift(prefixAtPrecision(rowRisk, rowFraud, LOWER_TARGET)), target: LOWER_TARGET },
    proximityAveragePrecision: rowProximity === null ? null : averagePrecision(rowProximity, rowFraud),
    proximityTop: rowProximity === null ? null : { ...withLift(topOfRanking(rowProximity, rowFraud, depth)), expectedPrecision: null },
  };
}

/**
 * riskQuality of a night's risks (by the run's account index) against a truth (by its own),
 * matched by account id; `queued` are the run's candidates (account indices). Accounts missing
 * from either side are left out. Also the labelled share the truth implies: labelled fraud / fraud.
 */
export function nightRiskQuality(risks: AccountRisks, queuedAccounts: Iterable<number>, truth: Truth): RiskQuality & { trueLabelledShare: number | null } {
  const n = truth.fraud.length;
  const risk = new Float64Array(n);
  const proximity = risks.proximity === undefined ? undefined : new Float64Array(n);
  const labelled = new Uint8Array(n);
  const known = new Uint8Array(n);
  for (let a = 0; a < risks.ids.length; a++) {
    const t = truth.index.get(risks.ids[a]!);
    if (t === undefined) continue;
    risk[t] = risks.risk[a]!;
    if (proximity !== undefined) proximity[t] = risks.proximity![a]!;
    labelled[t] = risks.fraudLabel[a]!;
    known[t] = 1;
  }
  const queued = new Uint8Array(n);
  for (const a of queuedAccounts) {
    const t = truth.index.get(risks.ids[a]!);
    if (t !== undefined) queued[t] = 1;
  }
  // accounts the run never saw are not judged: treat them as labelled (left out)
  for (let t = 0; t < n; t++) if (!known[t]) labelled[t] = 1;
  let labelledFraud = 0;
  let fraud = 0;
  for (let t = 0; t < n; t++) {
    if (!known[t] || !truth.fraud[t]) continue;
    fraud++;
    labelledFraud += labelled[t]!;
  }
  return { ...riskQuality(risk, truth.fraud, labelled, queued, proximity), trueLabelledShare: fraud === 0 ? null : labelledFraud / fraud };
}

/** Expected calibration error over equal-width bins of predicted probability (Naeini et al., 2015). */
export function expectedCalibrationError(predicted: readonly number[], outcome: readonly number[], bins = ECE_BINS): number {
  if (predicted.length === 0) return 0;
  const sum = new Float64Array(bins);
  const hits = new Float64Array(bins);
  const count = new Float64Array(bins);
  for (let i = 0; i < predicted.length; i++) {
    const b = Math.min(bins - 1, Math.max(0, Math.floor(predicted[i]! * bins)));
    sum[b]! += predicted[i]!;
    hits[b]! += outcome[i]!;
    count[b]! += 1;
  }
  let error = 0;
  for (let b = 0; b < bins; b++) if (count[b]! > 0) error += Math.abs(sum[b]! - hits[b]!) / predicted.length;
  return error;
}

/**
 * Average precision of a ranking (mean precision at each fraud found, highest score first).
 * Ties are taken as one step: every row of a tie counts at the precision after the whole tie,
 * so no order the scores do not give flatters the ranking.
 */
export function averagePrecision(score: readonly number[], outcome: readonly number[]): number {
  const total = outcome.reduce((n, y) => n + y, 0);
  if (total === 0) return Number.NaN;
  const order = score.map((_, i) => i).sort((a, b) => score[b]! - score[a]!);
  let seen = 0;
  let found = 0;
  let ap = 0;
  for (let k = 0; k < order.length; ) {
    const s = score[order[k]!]!;
    let tieFound = 0;
    while (k < order.length && score[order[k]!] === s) {
      tieFound += outcome[order[k]!]!;
      seen++;
      k++;
    }
    found += tieFound;
    ap += (tieFound / total) * (found / seen);
  }
  return ap;
}
