import type { ClusterAnalysis, MemberFeatures } from './cluster-analysis.js';
import type { RiskCalibration } from './calibration/risk-calibration.js';
import { riskWithoutLabel } from './calibration/risk-calibration.js';
import type { Term } from './model-terms.js';
import type { RiskModel } from './model/risk-model.js';
import type { Contribution } from './rules.js';
import { round } from './round.js';

/** The ranking, its calibration, and the terms they read: all an account's risk depends on besides its own term values. */
export interface Scorer {
  terms: readonly Term[];
  model: RiskModel;
  calibration: RiskCalibration;
}

export interface ScoredMember {
  risk: number;
  riskWithoutLabel: number;
  /** the ranking's log-odds without the account's own label */
  logit: number;
  memberPoints: number;
  cluster: Contribution[];
  member: Contribution[];
}

/**
 * A member's risk with and without its own label, from its term values (values[at + t]), as
 * scoreMember gives it. The calibration reads the ranking's score without the account's own
 * label (the fit never saw labels as a term); the label then moves that probability by its
 * fixed log-odds, so known fraud stays fraud and a cleared account stays cleared.
 */
export function memberRisk({ terms, model, calibration }: Scorer, values: Float64Array, at: number): Pick<ScoredMember, 'risk' | 'riskWithoutLabel' | 'logit'> {
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
export function scoreMember(scorer: Scorer, cluster: ClusterAnalysis['features'], member: MemberFeatures, values: Float64Array, at: number): ScoredMember {
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

/** A cluster's contributions: each cluster term's mean over the members (label terms see each member's view). */
export function meanContributions(perMember: Contribution[][], size: number): Contribution[] {
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
