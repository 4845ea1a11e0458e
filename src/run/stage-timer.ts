import type { Logger } from '../log.js';

export interface StageTiming {
  stage: string;
  ms: number;
  /** peak resident set size of the process so far, in MB */
  peakRssMb: number;
}

/** Runs the pipeline's stages one after another, logging and recording how long each took. */
export class StageTimer {
  readonly stages: StageTiming[] = [];
  constructor(private readonly log: Logger) {}

  async run<T>(stage: string, work: () => Promise<T> | T): Promise<T> {
    const started = performance.now();
    this.log.debug({ stage }, 'stage started');
    const result = await work();
    const timing = { stage, ms: Math.round(performance.now() - started), peakRssMb: peakRssMb() };
    this.stages.push(timing);
    this.log.info(timing, 'stage finished');
    return result;
  }
}

export function peakRssMb(): number {
  return Math.round(process.resourceUsage().maxRSS / 1024);
}
