import { describe, expect, it } from 'vitest';
import { baggedPuLevel, puCriterion, puLevel } from '../../../src/detect/model/pu-level.js';

/** `count` other accounts evenly spread over [low, high], each of weight 1. */
function spread(count: number, low: number, high: number): { scores: Float64Array; weights: Float64Array } {
  const scores = Float64Array.from({ length: count }, (_, i) => low + ((high - low) * i) / Math.max(1, count - 1));
  return { scores, weights: new Float64Array(count).fill(1) };
}

describe('puLevel', () => {
  it('has no level without known fraud, or without other accounts to weigh', () => {
    const { scores, weights } = spread(10, -3, 0);
    expect(puLevel([], scores, weights)).toBeNull();
    expect(puLevel([1, 2], new Float64Array(0), new Float64Array(0))).toBeNull();
    expect(puLevel([1, 2], scores, new Float64Array(10))).toBeNull();
  });

  it('finds the level that separates known fraud from the others: the lowest known score, above every other', () => {
    // every other account scores at most 0, known fraud 3 to 4: going down to 3 flags nobody more
    const { scores, weights } = spread(500, -5, 0);
    const level = puLevel([3.5, 4, 3, 3.2, 3.8], scores, weights);
    expect(level).toBe(3);
  });

  it('does not let low-scoring known fraud (label noise) drag the level down to flood the queue', () => {
    // 8 known fraud score 4, 2 more score like the bulk of honest accounts; reaching those 2
    // would flag hundreds of others
    const { scores, weights } = spread(1000, -5, 0);
    const known = [4, 4, 4, 4, 4, 4, 4, 4, -2, -4];
    expect(puLevel(known, scores, weights)).toBe(4);
  });

  it('does not settle on one lucky high score when there are few labels', () => {
    // one known account scores 10, two score 5; six others score 5 or more, a thousand far less.
    // Without the labels' worth of extra flagged accounts, the level at 10 (flagging nobody) would win.
    const others = Float64Array.from([...[5, 6, 7, 5.5, 6.5, 8], ...Array.from({ length: 1000 }, (_, i) => -i / 100)]);
    const weights = new Float64Array(others.length).fill(1);
    expect(puLevel([10, 5, 5], others, weights)).toBe(5);
  });

  it('weighs other accounts by their sample weight', () => {
    // the same scores: one other account between the known scores counts once, or as 500 accounts
    const others = Float64Array.from([2, ...Array.from({ length: 100 }, () => -1)]);
    const known = [3, 3, 3, 1, 1, 1];
    const light = new Float64Array(others.length).fill(1);
    const heavy = Float64Array.from(light, (w, i) => (i === 0 ? 500 : w));
    expect(puLevel(known, others, light)).toBe(1);
    expect(puLevel(known, others, heavy)).toBe(3);
  });
});

describe('baggedPuLevel', () => {
  it('agrees with puLevel where the known fraud separates cleanly', () => {
    const { scores, weights } = spread(500, -5, 0);
    expect(baggedPuLevel([3.5, 4, 3, 3.2, 3.8], scores, weights)!.level).toBe(3);
    expect(baggedPuLevel([], scores, weights)).toBeNull();
  });

  it('does not follow one label that moves the single peak: the level is the median over resamples', () => {
    // 30 known fraud at 4, and one more at 1 just above a few others; whether reaching it pays
    // depends on that one label, which most resamples hold once or not at all
    const others = Float64Array.from([1.5, 1.2, ...Array.from({ length: 2000 }, (_, i) => -i / 200)]);
    const weights = new Float64Array(others.length).fill(1);
    const known = [...Array.from({ length: 30 }, () => 4), 1];
    const bagged = baggedPuLevel(known, others, weights)!.level;
    expect(known).toContain(bagged);
    // the same answer every time: resamples come from a fixed seed
    expect(baggedPuLevel(known, others, weights)!.level).toBe(bagged);
  });
});

describe('puCriterion', () => {
  it('is recall² over the flagged share, with as many extra flagged accounts as there is known fraud', () => {
    // 4 known fraud, 3 of them at or above 2; 10 others, 2 of them at or above 2
    const others = Float64Array.from([5, 2, 1, 0, 0, 0, 0, 0, 0, 0]);
    const weights = new Float64Array(others.length).fill(1);
    expect(puCriterion([3, 2, 4, 1], others, weights, 2)).toBeCloseTo((0.75 * 0.75) / ((2 + 4) / 10), 12);
    expect(puCriterion([], others, weights, 2)).toBe(0);
  });
});

describe('baggedPuLevel: out of bag', () => {
  it('judges a level on the known fraud that did not choose it: no better than the same level judged on all of it', () => {
    // known fraud spread among the others: the level that peaks on a resample fits that resample
    const others = Float64Array.from({ length: 3000 }, (_, i) => (i * 7919) % 3000 / 300 - 5);
    const weights = new Float64Array(others.length).fill(1);
    const known = Array.from({ length: 25 }, (_, i) => ((i * 37) % 25) / 5 - 1);
    const judged = baggedPuLevel(known, others, weights)!;
    const inSample = puCriterion(known, others, weights, judged.level);
    expect(judged.outOfBag).toBeGreaterThan(0);
    expect(judged.outOfBag).toBeLessThan(inSample);
  });

  it('expects the whole criterion where every known fraud scores the same, above the others', () => {
    const { scores, weights } = spread(500, -5, 0);
    const known = Array.from({ length: 20 }, () => 3);
    const judged = baggedPuLevel(known, scores, weights)!;
    expect(judged.level).toBe(3);
    expect(judged.outOfBag).toBeCloseTo(puCriterion(known, scores, weights, 3), 12);
  });
});
