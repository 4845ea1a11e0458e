import { describe, expect, it } from 'vitest';
import { excessLogOdds, shrunkShare } from '../../src/detect/ordinary-share.js';

describe('shrunkShare', () => {
  it('is the ordinary share when nothing was seen, and halfway at 100 accounts', () => {
    expect(shrunkShare(0, 0, 0.2)).toBeCloseTo(0.2, 12);
    // 100 of 100 accounts share: as much weight on the data (1) as on the prior (0.2)
    expect(shrunkShare(100, 100, 0.2)).toBeCloseTo(0.6, 12);
  });

  it('shrinks a small snapshot toward the ordinary share but barely moves a large one', () => {
    const small = shrunkShare(5, 5, 0.2); // measured 1
    expect(small).toBeLessThan(0.25);
    expect(small).toBeGreaterThan(0.2);
    const large = shrunkShare(50_000, 100_000, 0.2); // measured 0.5
    expect(large).toBeCloseTo(0.5, 3);
    expect(shrunkShare(0, 100_000, 0.2)).toBeLessThan(0.001);
  });
});

describe('excessLogOdds', () => {
  it('is 0 up to the ordinary share, then the difference in log-odds, capped at a share of 0.99', () => {
    expect(excessLogOdds(0.05, 0.1)).toBe(0);
    expect(excessLogOdds(0.1, 0.1)).toBe(0);
    expect(excessLogOdds(0.5, 0.2)).toBeCloseTo(Math.log(4), 12); // logit(0.5) − logit(0.2) = 0 + ln 4
    expect(excessLogOdds(1, 0.2)).toBeCloseTo(excessLogOdds(0.99, 0.2), 12);
  });
});
