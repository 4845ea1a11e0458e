import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { commandLine, cpuSeconds, peakRssKb } from '../../src/run/process-usage.js';

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
    expect(await commandLine(2 ** 22 + 1)).toBe('');
  });

  it("reads a process's command line, its arguments joined by spaces", async () => {
    const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 10000)', 'an argument'], { stdio: 'ignore' });
    try {
      await new Promise((resolve) => child.once('spawn', resolve));
      expect(await commandLine(child.pid!)).toBe(`${process.execPath} -e setTimeout(() => {}, 10000) an argument`);
    } finally {
      child.kill();
    }
  });
});
