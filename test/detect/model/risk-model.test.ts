import { describe, expect, it } from 'vitest';
import type { Term } from '../../../src/detect/model-terms.js';
import { averagePrecision, fitRiskModel, rocAuc, type TrainingSet } from '../../../src/detect/model/risk-model.js';
import { mulberry32 } from '../../../src/detect/seeded-random.js';

function term(code: string, prior: number, extra: Partial<Term> = {}): Term {
  return { code, scope: 'member', feature: code, prior, description: '', fixed: false, labelDerived: false, ...extra };
}

/**
 * Rows with binary columns drawn at random; a row is labelled fraud with probability `fraudIf`
 * when its first column is 1 and `fraudElse` otherwise. The other columns say nothing about fraud.
 */
function synthetic(rows: number, columns: number, fraudIf: number, fraudElse: number, seed = 7): TrainingSet {
  const random = mulberry32(seed);
  const x = new Float64Array(rows * columns);
  const y = new Uint8Array(rows);
  for (let r = 0; r < rows; r++) {
    x[r * columns] = random() < 0.15 ? 1 : 0;
    for (let c = 1; c < columns; c++) x[r * columns + c] = random() < 0.5 ? 1 : 0;
    y[r] = random() < (x[r * columns] ? fraudIf : fraudElse) ? 1 : 0;
  }
  return {
    x, y, rows,
    grouped: new Uint8Array(rows).fill(1),
    weight: new Float64Array(rows).fill(1),
    fold: Uint8Array.from({ length: rows }, (_, r) => r % 5),
  };
}

const fit = { folds: 5, priorScale: 0.75, minFraudLabels: 30 };
const fraudCount = (data: TrainingSet) => data.y.reduce((s, v) => s + v, 0);

describe('fitRiskModel', () => {
  // columns: signal (separates fraud), noise (irrelevant); the fixed own-label term takes no column
  const terms = [term('SIGNAL', 0.5), term('OWN_LABEL', 10, { fixed: true }), term('NOISE', 0.5)];
  const data = synthetic(3000, 2, 0.5, 0.01);
  const labels = fraudCount(data);

  it('keeps the priors when there are fewer fraud labels than required', () => {
    const model = fitRiskModel(terms, data, -3, { ...fit, minFraudLabels: labels + 1 });
    expect(model).toMatchObject({ source: 'prior', intercept: -3, weights: [0.5, 10, 0.5], fraudLabels: labels, otherRows: 3000 - labels, rocAuc: null, prAuc: null, levelShift: null, calibration: [] });
    expect(model.reason).toContain(`${labels} fraud labels, fewer than ${labels + 1}`);
  });

  it('learns from exactly the required number of labels', () => {
    expect(fitRiskModel(terms, data, -3, { ...fit, minFraudLabels: labels }).source).toBe('learned');
  });

  it('raises the weight of the term that separates fraud, not of the irrelevant one, and keeps the fixed term', () => {
    expect(labels).toBeGreaterThan(fit.minFraudLabels);
    const model = fitRiskModel(terms, data, -3, fit);
    expect(model.source).toBe('learned');
    const [signal, own, noise] = model.weights;
    expect(signal!).toBeGreaterThan(terms[0]!.prior + 1);
    expect(noise!).toBeLessThanOrEqual(terms[2]!.prior);
    expect(noise!).toBeGreaterThanOrEqual(0);
    expect(own).toBe(10);
  });

  it('ranks labelled fraud above the rest out of fold when a term separates them', () => {
    const model = fitRiskModel(terms, data, -3, fit);
    expect(model.rocAuc!).toBeGreaterThan(0.75);
    expect(model.rocAuc!).toBeLessThanOrEqual(1);
    // better than the labelled share, which is what a random ranking would reach
    expect(model.prAuc!).toBeGreaterThan(labels / data.rows);
  });

  it('reports calibration bins over every row, in order of predicted risk', () => {
    const { calibration } = fitRiskModel(terms, data, -3, fit);
    expect(calibration.length).toBeLessThanOrEqual(10);
    expect(calibration.reduce((s, b) => s + b.rows, 0)).toBe(data.rows);
    for (let b = 1; b < calibration.length; b++) expect(calibration[b]!.predicted).toBeGreaterThanOrEqual(calibration[b - 1]!.predicted);
    expect(calibration.reduce((s, b) => s + b.observed * b.rows, 0)).toBeCloseTo(labels, 0);
  });

  it('keeps the priors when the learned weights separate the known fraud no better out of fold', () => {
    // fraud only where the signal column is 1, and the prior already flags exactly those rows
    const exact = synthetic(3000, 2, 0.5, 0, 5);
    const priors = [term('SIGNAL', 3), term('NOISE', 0)];
    const model = fitRiskModel(priors, exact, -2, fit);
    expect(fraudCount(exact)).toBeGreaterThan(fit.minFraudLabels);
    expect(model).toMatchObject({ source: 'prior', intercept: -2, weights: [3, 0] });
    expect(model.reason).toContain('did not separate known fraud out of fold better than the priors');
    // the quality of the ranking in use is still reported
    expect(model.rocAuc!).toBeGreaterThan(0.9);
    // priors that flag nothing lose to the fit
    expect(fitRiskModel([term('SIGNAL', 0.1), term('NOISE', 0)], exact, -2, fit).source).toBe('learned');
  });

  it('keeps every weight on the side of its prior, however the data push it', () => {
    // the first column marks fraud, the second marks honesty (fraud only where it is 0)
    const rows = 3000;
    const base = synthetic(rows, 2, 0.5, 0.01, 11);
    for (let r = 0; r < rows; r++) if (base.y[r]) base.x[r * 2 + 1] = 0;
    const free = fitRiskModel([term('FRAUDY', 0), term('HONEST', 0)], base, -3, fit);
    // unconstrained (prior 0), the data make the first term positive and the second negative
    expect(free.weights[0]!).toBeGreaterThan(0.5);
    expect(free.weights[1]!).toBeLessThan(-0.5);
    const pushed = fitRiskModel([term('FRAUDY', -0.3), term('HONEST', 0.3)], base, -3, fit);
    expect(pushed.weights[0]!).toBeLessThanOrEqual(0);
    expect(pushed.weights[1]!).toBeGreaterThanOrEqual(0);
  });
});

describe('rocAuc', () => {
  const data = (y: number[], weight = y.map(() => 1)) => ({ y: Uint8Array.from(y), weight: Float64Array.from(weight), rows: y.length });

  it('is the share of (fraud, other) pairs where the fraud scores higher', () => {
    // fraud at 0.9 and 0.7, others at 0.8 and 0.6: 3 of the 4 pairs are in order
    expect(rocAuc(Float64Array.from([0.9, 0.8, 0.7, 0.6]), data([1, 0, 1, 0]))).toBe(0.75);
    expect(rocAuc(Float64Array.from([0.1, 0.9, 0.2]), data([0, 1, 0]))).toBe(1);
    expect(rocAuc(Float64Array.from([0.9, 0.1, 0.2]), data([0, 1, 0]))).toBe(0);
  });

  it('counts ties half', () => {
    expect(rocAuc(Float64Array.from([0.5, 0.5, 0.5, 0.5]), data([1, 0, 1, 0]))).toBe(0.5);
    // fraud at 0.9 and 0.5, others at 0.5 and 0.1: pairs 1 + 1 + 0.5 + 1 of 4
    expect(rocAuc(Float64Array.from([0.9, 0.5, 0.5, 0.1]), data([1, 1, 0, 0]))).toBe(0.875);
  });

  it('weighs rows by their sample weight', () => {
    // the other ranked above the fraud weighs 3 of the 4 others: 1/4 of the pairs are in order
    expect(rocAuc(Float64Array.from([0.9, 0.5, 0.1]), data([0, 1, 0], [3, 1, 1]))).toBe(0.25);
  });

  it('is undefined without fraud or without others', () => {
    expect(rocAuc(Float64Array.from([0.1, 0.2]), data([0, 0]))).toBeNaN();
    expect(rocAuc(Float64Array.from([0.1, 0.2]), data([1, 1]))).toBeNaN();
  });
});

describe('averagePrecision', () => {
  const data = (y: number[], weight = y.map(() => 1)) => ({ y: Uint8Array.from(y), weight: Float64Array.from(weight), rows: y.length });

  it('averages the precision at each fraud, in score order', () => {
    // fraud at ranks 1 and 3: precision 1/1 and 2/3
    expect(averagePrecision(Float64Array.from([0.9, 0.8, 0.7, 0.6]), data([1, 0, 1, 0]))).toBeCloseTo((1 + 2 / 3) / 2, 12);
    expect(averagePrecision(Float64Array.from([0.1, 0.9, 0.8]), data([0, 1, 1]))).toBe(1);
    // the only fraud ranked last of four
    expect(averagePrecision(Float64Array.from([0.1, 0.9, 0.8, 0.7]), data([1, 0, 0, 0]))).toBe(0.25);
  });

  it('weighs rows by their sample weight', () => {
    // one other above the fraud, standing for 3 accounts: precision 1/4 at the fraud
    expect(averagePrecision(Float64Array.from([0.9, 0.5]), data([0, 1], [3, 1]))).toBe(0.25);
  });

  it('is undefined without fraud', () => {
    expect(averagePrecision(Float64Array.from([0.1, 0.2]), data([0, 0]))).toBeNaN();
  });
});
