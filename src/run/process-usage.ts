import { readFile } from 'node:fs/promises';

/**
 * What another live process has used so far, read from /proc (Linux): its peak resident memory
 * and its CPU time (and its command line, to tell what it is). Both only grow, so the last reading before the process exits is the figure.
 * Elsewhere (no /proc) both read 0.
 */

/** Peak resident memory (VmHWM) in kB. */
export async function peakRssKb(pid: number): Promise<number> {
  try {
    const status = await readFile(`/proc/${pid}/status`, 'utf8');
    return Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
  } catch {
    return 0;
  }
}

/** User + system CPU seconds (/proc/<pid>/stat, in clock ticks of 1/100 s). */
export async function cpuSeconds(pid: number): Promise<number> {
  try {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    // the fields after the parenthesised command name: utime and stime are the 12th and 13th
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}

/** The process's command line, arguments joined by spaces ('' once it has gone). */
export async function commandLine(pid: number): Promise<string> {
  try {
    return (await readFile(`/proc/${pid}/cmdline`, 'utf8')).split('\0').join(' ').trim();
  } catch {
    return '';
  }
}
