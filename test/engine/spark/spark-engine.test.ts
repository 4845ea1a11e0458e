import { describe, expect, it } from 'vitest';
import { sparkBucketCount } from '../../../src/engine/spark/spark-engine.js';

describe('sparkBucketCount', () => {
  it('is 16 up to 16 × 65,536 accounts, then grows so a bucket stays about 64k accounts', () => {
    expect(sparkBucketCount(0)).toBe(16);
    expect(sparkBucketCount(1_000_000)).toBe(16);
    expect(sparkBucketCount(16 * 65_536)).toBe(16);
    expect(sparkBucketCount(16 * 65_536 + 1)).toBe(17);
    expect(sparkBucketCount(10_000_000)).toBe(153);
    expect(sparkBucketCount(1_000_000_000)).toBe(15_259);
  });
});
