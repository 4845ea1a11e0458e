import { describe, expect, it } from 'vitest';
import type { ClusterAnalysis, ClusterFeatures, MemberFeatures } from '../../src/detect/cluster-analysis.js';
import { termValue, type Term } from '../../src/detect/model-terms.js';
import { measureTermPrevalence, withMeasuredPriors } from '../../src/detect/term-prevalence.js';

const rule = (code: string, feature: string, prior: number, extra: Partial<Term> = {}): Term => ({
  code, scope: 'cluster', feature, rule: { op: '>=', value: 1 }, prior, description: code, fixed: false, labelDerived: false, ...extra,
});

/** `groups` clusters of `size` members; the feature `burst` is 1 in the first `bursting` of them. */
function analyses(groups: number, size: number, bursting: number): ClusterAnalysis[] {
  return Array.from({ length: groups }, (_, g) => ({
    members: Int32Array.from({ length: size }, (_, m) => g * size + m),
    features: { burstShare: g < bursting ? 1 : 0, knownFraudMembers: 0, placeShare: 1 } as unknown as ClusterFeatures,
    memberFeatures: Array.from({ length: size }, () => ({ otherKnownFraud: g < bursting ? 1 : 0 }) as unknown as MemberFeatures),
    shared: [],
  })) as unknown as ClusterAnalysis[];
}

/** Each member's term values, as the score stage hands them over (row-major). */
const termValues = (terms: readonly Term[], list: ClusterAnalysis[]) =>
  list.map((a) => ({ values: Float64Array.from(a.memberFeatures.flatMap((member) => terms.map((t) => termValue(t, a.features, member)))) }));

/** The firing share as measured: shrunk toward the ordinary share as if 100 more accounts had been seen. */
const shrunk = (fired: number, accounts: number, ordinary: number) => Math.round(((fired + 100 * ordinary) / (accounts + 100)) * 10_000) / 10_000;

describe('measureTermPrevalence', () => {
  const terms = [
    rule('BURST', 'burstShare', 1),
    rule('KNOWN', 'knownFraudMembers', 1.8, { labelDerived: true }),
    rule('ROOF', 'placeShare', -1.5),
    { ...rule('EVIDENCE', 'evidence', 2), rule: undefined, scope: 'member' as const },
  ];

  it('keeps the prior of a rule that fires for few accounts', () => {
    // 10 groups of 4 in 1,000 accounts, 5 bursting: 2 % of accounts
    const [burst] = measureTermPrevalence(terms, termValues(terms, analyses(10, 4, 5)), 1000, 0.07);
    expect(burst).toEqual({ code: 'BURST', share: shrunk(20, 1000, 0.07), prior: 1 });
  });

  it('lowers a positive rule by the log-odds its firing share exceeds the ordinary share, never below 0', () => {
    // 100 groups of 4 in 1,000 accounts, 50 bursting: 20 %
    const [burst] = measureTermPrevalence(terms, termValues(terms, analyses(100, 4, 50)), 1000, 0.07);
    const logit = (p: number) => Math.log(p / (1 - p));
    expect(burst!.share).toBe(shrunk(200, 1000, 0.07));
    expect(burst!.prior).toBeCloseTo(Math.max(0, 1 - (logit(burst!.share) - logit(0.07))), 3);
    const [everywhere] = measureTermPrevalence(terms, termValues(terms, analyses(250, 4, 250)), 1000, 0.07);
    expect(everywhere!.prior).toBe(0);
  });

  it('leaves rules that read labels, rules for honesty and continuous terms as configured', () => {
    const [, known, roof, evidence] = measureTermPrevalence(terms, termValues(terms, analyses(250, 4, 250)), 1000, 0.07);
    expect(known!.prior).toBe(1.8);
    expect(roof).toMatchObject({ share: shrunk(1000, 1000, 0.07), prior: -1.5 });
    expect(evidence!.prior).toBe(2);
  });

  it('on a handful of accounts, a rule firing for all of them keeps most of its prior', () => {
    const [tiny] = measureTermPrevalence(terms, termValues(terms, analyses(1, 3, 1)), 3, 0.07);
    expect(tiny!.share).toBeLessThan(0.1);
    expect(tiny!.prior).toBeGreaterThan(0.6);
  });

  it('hands the measured priors to the terms, changing nothing else', () => {
    const prevalence = measureTermPrevalence(terms, termValues(terms, analyses(100, 4, 50)), 1000, 0.07);
    const measured = withMeasuredPriors(terms, prevalence);
    expect(measured.map((t) => t.prior)).toEqual(prevalence.map((p) => p.prior));
    expect(measured.map((t) => ({ ...t, prior: 0 }))).toEqual(terms.map((t) => ({ ...t, prior: 0 })));
  });
});
