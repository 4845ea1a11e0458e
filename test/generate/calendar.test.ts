import { describe, expect, it } from 'vitest';
import { SNAPSHOT_AT, WINDOW_START, isoUtc, laterThan } from '../../src/generate/calendar.js';

describe('calendar', () => {
  it('formats seconds as ISO 8601 UTC like Date does, without milliseconds', () => {
    for (const s of [WINDOW_START, WINDOW_START + 1, 1_709_641_296, SNAPSHOT_AT - 1, 1_719_792_000 + 86_399]) {
      expect(isoUtc(s)).toBe(new Date(s * 1000).toISOString().replace('.000Z', 'Z'));
    }
  });

  it('never goes past the snapshot', () => {
    expect(laterThan(SNAPSHOT_AT - 10, 1_000_000, 0.999)).toBeLessThan(SNAPSHOT_AT);
    expect(laterThan(WINDOW_START, 100, 0.5)).toBe(WINDOW_START + 50);
  });
});
