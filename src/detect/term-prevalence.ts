import type { Term } from './model-terms.js';
import { excessLogOdds, shrunkShare } from './ordinary-share.js';
import { round } from './round.js';

/** How often one rule fires in this snapshot, and the prior it keeps. */
export interface TermPrevalence {
  code: string;
  /** accounts in communities for which the rule fires, as a share of all accounts (shrunk on small snapshots) */
  share: number;
  /** the configured prior, lowered by how much more often than `ordinaryShare` the rule fires */
  prior: number;
}

/**
 * A rule that fires for a large part of all accounts cannot be strong evidence of fraud, which is
 * rare: where families sign up together and share a tablet and a card, "sharing two devices or
 * cards" and "created in a burst" describe half the snapshot. Each positive rule's prior is
 * lowered by the log-odds by which its firing share exceeds `ordinaryShare` (never below 0).
 * Continuous terms (identifier evidence, measured per kind already), terms that read labels, and
 * rules that speak for honesty keep their priors. `communities` hold each member's term values,
 * row-major (member m's value of term t at m × terms + t).
 */
export function measureTermPrevalence(terms: readonly Term[], communities: readonly { values: Float64Array }[], accounts: number, ordinaryShare: number): TermPrevalence[] {
  return termPrevalence(terms, countRuleFirings(terms, communities), accounts, ordinaryShare);
}

/**
 * For each term, the community members its rule fires for (0 for terms that are not rules): whole
 * numbers, so the counts of any split of the communities add up to the same total.
 */
export function countRuleFirings(terms: readonly Term[], communities: readonly { values: Float64Array }[]): Float64Array {
  const fires = new Float64Array(terms.length);
  for (const { values } of communities) {
    for (let at = 0; at < values.length; at += terms.length) {
      for (let t = 0; t < terms.length; t++) if (terms[t]!.rule && values[at + t]! > 0) fires[t]!++;
    }
  }
  return fires;
}

/** Each term's prevalence from how many members its rule fires for (countRuleFirings) among all accounts. */
export function termPrevalence(terms: readonly Term[], fires: Float64Array, accounts: number, ordinaryShare: number): TermPrevalence[] {
  return terms.map((term, t) => {
    // a snapshot of a handful of accounts says little about how common anything is
    const share = shrunkShare(fires[t]!, accounts, ordinaryShare);
    const measured = term.rule && !term.fixed && !term.labelDerived && term.prior > 0;
    const excess = measured ? excessLogOdds(share, ordinaryShare) : 0;
    return { code: term.code, share: round(share), prior: measured ? round(Math.max(0, term.prior - excess)) : term.prior };
  });
}

/** The terms with their measured priors. */
export function withMeasuredPriors(terms: readonly Term[], prevalence: readonly TermPrevalence[]): Term[] {
  return terms.map((term, t) => ({ ...term, prior: prevalence[t]!.prior }));
}

