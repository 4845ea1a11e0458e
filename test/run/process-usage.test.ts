import { describe, expect, it } from 'vitest';
import { cpuSeconds, peakRssKb } from '../../src/run/process-usage.js';

describe('process usage from /proc', () => {
  it('reads a live process: its peak at least its current memory, and CPU time that grows with work', async () => {
    const peak = await peakRssKb(process.pid);
    expect(peak * 1024).toBeGreaterThanOrEqual(process.memoryUsage.rss() * 0.9);
    const before = await cpuSeconds(process.pid);
    const until = Date.now() + 300;
    let spin = 0;
    while (Date.now() < until) spin += Math.sqrt(spin + 1);
    expect(spin).toBeGreaterThan(0);
    expect(await cpuSeconds(process.pid)).toBeGreaterThan(before);
  });

  it('reads 0 for a process that is not there', async () => {
    expect(await peakRssKb(2 ** 22 + 1)).toBe(0);
    expect(await cpuSeconds(2 ** 22 + 1)).toBe(0);
  });
});
