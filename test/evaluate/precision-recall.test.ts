import { describe, expect, it } from 'vitest';
import { precisionRecall } from '../../src/evaluate/precision-recall.js';

describe('precisionRecall', () => {
  it('computes precision, recall and their harmonic mean', () => {
    expect(precisionRecall(3, 4, 6)).toEqual({ precision: 0.75, recall: 0.5, f1: 0.6 });
    expect(precisionRecall(0, 4, 6)).toEqual({ precision: 0, recall: 0, f1: 0 });
  });

  it('leaves precision of nothing predicted (and recall of nothing to find) undefined', () => {
    const empty = precisionRecall(0, 0, 6);
    expect(empty.precision).toBeNaN();
    expect(empty.recall).toBe(0);
    expect(empty.f1).toBeNaN();
    expect(precisionRecall(0, 3, 0).recall).toBeNaN();
  });
});
