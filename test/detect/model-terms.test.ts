import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/config.js';
import type { ClusterFeatures } from '../../src/detect/cluster-analysis.js';
import { availability, modelTerms, priorIntercept, termValue, type Availability, type Term } from '../../src/detect/model-terms.js';
import { memberFeatures } from '../support/detection-fixtures.js';
import { makeSnapshot } from '../support/make-snapshot.js';

const rule = (code: string, feature: string, points: number) => ({ code, feature, op: '>=' as const, value: 1, points, description: '' });

const config = parseConfig({
  scoring: {
    clusterRules: [rule('STRONG', 'sharedStrong', 1), rule('BURST', 'burstShare', 1), rule('CHARGEBACKS', 'chargebackMembers', 0.8), rule('KNOWN', 'knownFraudMembers', 1.8), rule('CLEARED', 'legitMembers', -0.5)],
    memberRules: [rule('TWO', 'sharedIdentifiers', 0.1), rule('IN_BURST', 'inBurst', 0.2), rule('OWN_FRAUD', 'knownFraud', 10), rule('OWN_LEGIT', 'legit', -10)],
  },
  model: { intercept: -2, observedDataPoints: -0.5, evidencePoints: 2, roofPoints: -1.5, proximityPoints: 0.6 },
}).config;

const everything: Availability = { createdAt: true, transactions: true, labels: true };
const codes = (terms: Term[]) => terms.map((t) => t.code);

describe('availability', () => {
  const links: Array<[string, string, string]> = [['A', 'device', 'd'], ['B', 'device', 'd']];

  it('finds sign-up times, transactions and labels when the snapshot has them', () => {
    const snapshot = makeSnapshot({ accounts: [{ id: 'A', created: '2024-01-01' }, { id: 'B', label: 'fraud' }], links, transactions: [['A', '', 'settled']] });
    expect(availability(snapshot)).toEqual(everything);
  });

  it('detects missing sign-up times, transactions and labels', () => {
    const snapshot = makeSnapshot({ accounts: [{ id: 'A' }, { id: 'B' }], links });
    expect(availability(snapshot)).toEqual({ createdAt: false, transactions: false, labels: false });
  });

  it('counts one dated account as sign-up times present, and a cleared account as labels present', () => {
    const snapshot = makeSnapshot({ accounts: [{ id: 'A' }, { id: 'B', created: '2024-01-01', label: 'legit' }], links });
    expect(availability(snapshot)).toEqual({ createdAt: true, transactions: false, labels: true });
  });
});

describe('modelTerms', () => {
  it('turns every rule into a term and adds the continuous terms, when all data is there', () => {
    const { terms, disabled } = modelTerms(config, everything);
    expect(disabled).toEqual([]);
    expect(codes(terms)).toEqual(['STRONG', 'BURST', 'CHARGEBACKS', 'KNOWN', 'CLEARED', 'TWO', 'IN_BURST', 'OWN_FRAUD', 'OWN_LEGIT', 'IDENTIFIER_EVIDENCE', 'SHARED_ROOF', 'STRONG_POOL', 'NEAR_KNOWN_FRAUD']);
    const byCode = Object.fromEntries(terms.map((t) => [t.code, t]));
    expect(byCode.BURST).toMatchObject({ scope: 'cluster', feature: 'burstShare', prior: 1, rule: { op: '>=', value: 1 }, fixed: false, labelDerived: false });
    expect(byCode.IDENTIFIER_EVIDENCE).toMatchObject({ scope: 'member', prior: 2, fixed: false });
    expect(byCode.SHARED_ROOF).toMatchObject({ scope: 'member', feature: 'roofedEvidence', prior: -1.5, cap: 6 });
    expect(byCode.STRONG_POOL).toMatchObject({ scope: 'cluster', feature: 'strongPool', prior: 1, cap: 3 });
    expect(byCode.NEAR_KNOWN_FRAUD).toMatchObject({ scope: 'member', feature: 'proximity', prior: 0.6, labelDerived: true, fixed: false });
  });

  it('fixes the account\'s own label terms and marks the terms that read other accounts\' labels', () => {
    const byCode = Object.fromEntries(modelTerms(config, everything).terms.map((t) => [t.code, t]));
    expect(byCode.OWN_FRAUD).toMatchObject({ fixed: true, labelDerived: true });
    expect(byCode.OWN_LEGIT).toMatchObject({ fixed: true, labelDerived: true });
    expect(byCode.KNOWN).toMatchObject({ fixed: false, labelDerived: true });
    expect(byCode.STRONG).toMatchObject({ fixed: false, labelDerived: false });
  });

  it('disables and lists the terms whose data is absent', () => {
    const noDates = modelTerms(config, { ...everything, createdAt: false });
    expect(noDates.disabled).toEqual(['BURST', 'IN_BURST']);
    expect(codes(noDates.terms)).not.toContain('BURST');

    const noTransactions = modelTerms(config, { ...everything, transactions: false });
    expect(noTransactions.disabled).toEqual(['CHARGEBACKS']);

    const noLabels = modelTerms(config, { ...everything, labels: false });
    expect(noLabels.disabled).toEqual(['KNOWN', 'CLEARED', 'OWN_FRAUD', 'OWN_LEGIT', 'NEAR_KNOWN_FRAUD']);

    const nothing = modelTerms(config, { createdAt: false, transactions: false, labels: false });
    expect(codes(nothing.terms)).toEqual(['STRONG', 'TWO', 'IDENTIFIER_EVIDENCE', 'SHARED_ROOF', 'STRONG_POOL']);
    expect(nothing.terms.length + nothing.disabled.length).toBe(13);
  });
});

describe('priorIntercept', () => {
  it('lowers the configured intercept once for each kind of behaviour the snapshot records', () => {
    expect(priorIntercept(config, { createdAt: false, transactions: false, labels: false })).toBe(-2);
    expect(priorIntercept(config, { createdAt: true, transactions: false, labels: false })).toBe(-2.5);
    expect(priorIntercept(config, { createdAt: false, transactions: true, labels: false })).toBe(-2.5);
    expect(priorIntercept(config, { createdAt: true, transactions: true, labels: false })).toBe(-3);
    // labels are not behaviour
    expect(priorIntercept(config, everything)).toBe(-3);
  });
});

describe('termValue', () => {
  const terms = Object.fromEntries(modelTerms(config, everything).terms.map((t) => [t.code, t]));
  const cluster = { sharedStrong: 3, burstShare: 0.5, knownFraudMembers: 1, legitMembers: 1, placeCoverage: 0.75, strongPool: 0.405 } as ClusterFeatures;

  it('is 1 when a rule fires and 0 when it does not, reading the cluster or the member by scope', () => {
    const member = memberFeatures({ sharedIdentifiers: 2, inBurst: 0 });
    expect(termValue(terms.STRONG!, cluster, member)).toBe(1);
    expect(termValue(terms.BURST!, cluster, member)).toBe(0);
    expect(termValue(terms.TWO!, cluster, member)).toBe(1);
    expect(termValue(terms.IN_BURST!, cluster, member)).toBe(0);
  });

  it('gives a continuous term its value, capped', () => {
    expect(termValue(terms.SHARED_ROOF!, cluster, memberFeatures({ roofedEvidence: 1.5 }))).toBe(1.5);
    expect(termValue(terms.SHARED_ROOF!, cluster, memberFeatures({ roofedEvidence: 1000 }))).toBe(terms.SHARED_ROOF!.cap);
    expect(termValue(terms.STRONG_POOL!, cluster, memberFeatures())).toBe(0.405);
    expect(termValue(terms.IDENTIFIER_EVIDENCE!, cluster, memberFeatures({ evidence: 2.5 }))).toBe(2.5);
    expect(termValue(terms.IDENTIFIER_EVIDENCE!, cluster, memberFeatures({ evidence: 1000 }))).toBe(terms.IDENTIFIER_EVIDENCE!.cap);
    expect(termValue(terms.NEAR_KNOWN_FRAUD!, cluster, memberFeatures({ proximity: 9 }))).toBe(5);
  });

  it('leaves a member\'s own label out of the cluster\'s label counts', () => {
    // the cluster has one known fraud member and one cleared one: the fraud member sees no other
    // fraud, the cleared member no other cleared member
    const fraudMember = memberFeatures({ knownFraud: 1, otherKnownFraud: 0, otherLegit: 1 });
    const clearedMember = memberFeatures({ legit: 1, otherKnownFraud: 1, otherLegit: 0 });
    expect(termValue(terms.KNOWN!, cluster, fraudMember)).toBe(0);
    expect(termValue(terms.KNOWN!, cluster, clearedMember)).toBe(1);
    expect(termValue(terms.CLEARED!, cluster, fraudMember)).toBe(1);
    expect(termValue(terms.CLEARED!, cluster, clearedMember)).toBe(0);
  });

  it('scores cluster terms 0 for an account in no cluster', () => {
    expect(termValue(terms.STRONG!, null, memberFeatures())).toBe(0);
    expect(termValue(terms.TWO!, null, memberFeatures({ sharedIdentifiers: 3 }))).toBe(1);
  });
});
