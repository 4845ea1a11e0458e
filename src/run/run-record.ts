import type { RunManifest } from './manifest.js';
import type { StageTiming } from './stage-timer.js';

/** What a run records about itself as it goes: counts in the order they were taken, tables read. */
export class RunRecord {
  readonly counts: Record<string, number> = {};
  private tables: RunManifest['input']['tables'] = [];
  private detection: RunManifest['detection'];
  private engine: RunManifest['engine'];

  constructor(
    private readonly run: { runId: string; startedAt: string; configHash: string; version: string; panKey?: RunManifest['panKey'] },
    private readonly inputDir: string,
    private readonly stages: readonly StageTiming[],
    private readonly sinks: readonly string[],
  ) {}

  count(values: Record<string, number>): void {
    Object.assign(this.counts, values);
  }

  /** Rows a sink wrote, as `<sink>.<what>`. */
  countWritten(report: { sink: string; written: Record<string, number> }): void {
    for (const [what, rows] of Object.entries(report.written)) this.counts[`${report.sink}.${what}`] = rows;
  }

  readTables(tables: RunManifest['input']['tables']): void {
    this.tables = tables;
  }

  /** What detection measured (kind weights) and learned (the risk model) this night. */
  describeDetection(detection: NonNullable<RunManifest['detection']>): void {
    this.detection = detection;
  }

  /** Where the global steps ran (the local engine, or Spark: its application id and master). */
  describeEngine(engine: NonNullable<RunManifest['engine']>): void {
    this.engine = engine;
  }

  manifest(status: RunManifest['status'], error?: RunManifest['error']): RunManifest {
    const { runId, startedAt, version, configHash, panKey } = this.run;
    return {
      runId,
      status,
      startedAt,
      finishedAt: new Date().toISOString(),
      version,
      configHash,
      ...(panKey ? { panKey } : {}),
      input: { dir: this.inputDir, tables: this.tables },
      counts: this.counts,
      stages: [...this.stages],
      sinks: [...this.sinks],
      ...(this.detection ? { detection: this.detection } : {}),
      ...(this.engine ? { engine: this.engine } : {}),
      ...(error ? { error } : {}),
    };
  }
}
