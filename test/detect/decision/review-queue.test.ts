import { describe, expect, it } from 'vitest';
import { reviewQueue } from '../../../src/detect/decision/review-queue.js';

const ranked = (...risks: number[]) => risks.map((risk) => ({ risk, known: false }));

describe('reviewQueue', () => {
  it('queues the longest prefix whose mean risk holds the target', () => {
    // running means: 0.95, 0.925, 0.8667, 0.775 → three queued
    const q = reviewQueue(ranked(0.95, 0.9, 0.75, 0.5, 0.1), 0.8, 100);
    expect(q.length).toBe(3);
    expect(q.expectedPrecision).toBeCloseTo(2.6 / 3, 12);
    expect(q.expectedFraud).toBeCloseTo(2.6, 12);
    expect(q.belowTarget).toBe(2);
    expect(q.overCapacity).toBe(0);
  });

  it('queues nothing on a quiet night where a quota would fill itself', () => {
    const q = reviewQueue(ranked(0.4, 0.3, 0.2, 0.2), 0.8, 3);
    expect(q).toEqual({ length: 0, expectedPrecision: null, expectedFraud: 0, belowTarget: 4, overCapacity: 0 });
  });

  it('cuts at capacity and gives the expectation of what is left', () => {
    const q = reviewQueue(ranked(0.99, 0.98, 0.97, 0.96), 0.8, 2);
    expect(q.length).toBe(2);
    expect(q.overCapacity).toBe(2);
    expect(q.expectedFraud).toBeCloseTo(1.97, 12);
    expect(q.expectedPrecision).toBeCloseTo(0.985, 12);
  });

  it('counts accounts already labelled fraud in the queue but not in its expected precision', () => {
    const q = reviewQueue([{ risk: 0.999, known: true }, { risk: 0.999, known: true }, ...ranked(0.85, 0.7)], 0.8, 10);
    expect(q.length).toBe(3);
    expect(q.expectedPrecision).toBeCloseTo(0.85, 12);
    expect(q.expectedFraud).toBeCloseTo(0.85, 12);
  });
});
