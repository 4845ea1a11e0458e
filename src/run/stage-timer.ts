import type { Logger } from '../log.js';

export interface StageTiming {
  stage: string;
  ms: number;
  /** CPU time of the whole process (every thread) during the stage */
  cpuMs: number;
  /** peak resident set size of the process so far, in MB */
  peakRssMb: number;
  /** resident set size when the stage ended, in MB (what the stage's output holds, with garbage not yet collected) */
  rssMb: number;
}

/** Runs the pipeline's stages one after another, logging and recording how long each took. */
export class StageTimer {
  readonly stages: StageTiming[] = [];
  constructor(private readonly log: Logger) {}

  async run<T>(stage: string, work: () => Promise<T> | T): Promise<T> {
    const started = performance.now();
    const cpu = process.cpuUsage();
    this.log.debug({ stage }, 'stage started');
    const result = await work();
    const used = process.cpuUsage(cpu);
    const timing = { stage, ms: Math.round(performance.now() - started), cpuMs: Math.round((used.user + used.system) / 1000), peakRssMb: peakRssMb(), rssMb: Math.round(process.memoryUsage.rss() / 2 ** 20) };
    this.stages.push(timing);
    this.log.info(timing, 'stage finished');
    return result;
  }
}

export function peakRssMb(): number {
  return Math.round(process.resourceUsage().maxRSS / 1024);
}
