import { fork, type ChildProcess } from 'node:child_process';
import { mkdir, readdir } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import PQueue from 'p-queue';
import type { BucketRowsPlan, BucketWork } from '../../detect/buckets/detect-from-buckets.js';
import type { AppliedBucket, BucketEvidence, EvidenceRequest, MappedBucket } from '../../detect/buckets/loaded-bucket.js';
import type { BucketTrainingRows } from '../../detect/buckets/training-rows.js';
import type { Scorer } from '../../detect/scorer.js';
import { EngineUnavailableError } from '../../errors.js';
import type { Logger } from '../../log.js';
import type { BucketRecord } from '../engine.js';
import type { BucketTask, BucketTaskResult } from './bucket-task.js';
import type { BucketNight } from './load-bucket.js';

export interface BucketWorkersOptions extends Omit<BucketNight, 'bucketNames'> {
  /** worker processes at once (`--workers`); default os.availableParallelism() */
  workers?: number;
  log?: Logger;
}

type Reply = ({ ok: true; peakRssMb: number } & BucketTaskResult) | { ok: false; error: string };

// compiled (dist/), the worker is the .js beside this file; run from the sources (vitest, tsx), the
// .ts beside it, through tsx's loader, resolved from the project's root
const here = import.meta.url;
const fromSources = here.endsWith('.ts');
const workerEntry = fileURLToPath(new URL(fromSources ? './bucket-worker.ts' : './bucket-worker.js', here));
const projectRoot = fileURLToPath(new URL(fromSources ? '../../..' : '../../../..', here));

/**
 * The per-bucket phases of detection in worker processes: each phase of each bucket is one child
 * process (node's fork of bucket-worker), which loads the bucket alone, runs the phase, sends back
 * the result (counts, training rows, results; the bucket's data never crosses the pipe) and exits,
 * so a worker's memory is one bucket's. At most `workers` run at once (p-queue). A bucket whose
 * worker fails or dies is run again once, alone, after the others of the phase; a second failure
 * fails the night as an engine failure.
 */
export class BucketWorkers implements BucketWork {
  private readonly queue: PQueue;
  private readonly children = new Set<ChildProcess>();
  private readonly records: BucketRecord[];
  private alone: Promise<unknown> = Promise.resolve();
  private closed = false;

  private constructor(
    private readonly night: BucketNight,
    readonly workers: number,
    private readonly log: Logger | undefined,
  ) {
    this.queue = new PQueue({ concurrency: workers });
    this.records = night.bucketNames.map((bucket) => ({ bucket, accounts: 0, ms: 0, attempts: 0, phaseMs: {}, peakRssMb: 0 }));
  }

  /** The buckets of the Spark job's `buckets/` folder (bucket=B, in B order; an empty bucket has no folder). */
  static async open(options: BucketWorkersOptions): Promise<BucketWorkers> {
    const { workers, log, ...rest } = options;
    const bucketsDir = resolve(rest.bucketsDir);
    const bucketNames = (await readdir(bucketsDir).catch(() => {
      throw new EngineUnavailableError(`the Spark job's buckets are missing: ${bucketsDir}`);
    }))
      .filter((name) => name.startsWith('bucket='))
      .sort((x, y) => Number(x.slice(7)) - Number(y.slice(7)));
    const spillDir = resolve(rest.spillDir);
    await mkdir(spillDir, { recursive: true });
    return new BucketWorkers({ ...rest, bucketsDir, spillDir, bucketNames }, Math.max(1, workers ?? availableParallelism()), log);
  }

  get buckets(): number {
    return this.night.bucketNames.length;
  }

  map(bucket: number): Promise<MappedBucket> {
    return this.run({ phase: 'map', bucket, night: this.night, attempt: 1 });
  }

  rows(bucket: number, plan: BucketRowsPlan): Promise<BucketTrainingRows> {
    return this.run({ phase: 'rows', plan, bucket, night: this.night, attempt: 1 });
  }

  apply(bucket: number, scorer: Scorer): Promise<AppliedBucket> {
    return this.run({ phase: 'apply', scorer, bucket, night: this.night, attempt: 1 });
  }

  evidence(bucket: number, request: EvidenceRequest): Promise<BucketEvidence> {
    return this.run({ phase: 'evidence', request, bucket, night: this.night, attempt: 1 });
  }

  /** Per bucket: accounts, ms over every phase, the most attempts a phase took (what the manifest records). */
  record(): { workers: number; buckets: BucketRecord[] } {
    return { workers: this.workers, buckets: this.records.map((r) => ({ ...r, ms: Math.round(r.ms), phaseMs: { ...r.phaseMs } })) };
  }

  /** Kills the workers still running (a failed night); what they wrote is in the run's work folder. */
  close(): void {
    this.closed = true;
    this.queue.clear();
    for (const child of this.children) child.kill('SIGKILL');
  }

  private async run<T>(task: BucketTask): Promise<T> {
    const name = this.night.bucketNames[task.bucket]!;
    try {
      return (await this.queue.add(() => this.attempt(task))) as T;
    } catch (first) {
      if (this.closed) throw first;
      this.log?.warn({ bucket: name, phase: task.phase, error: (first as Error).message }, 'a detection worker failed: its bucket runs again, alone');
      // alone: once the phase's other buckets are done, one rerun at a time
      const again = this.alone.then(() => this.queue.onIdle()).then(() => this.attempt({ ...task, attempt: 2 }));
      this.alone = again.catch(() => undefined);
      try {
        return (await again) as T;
      } catch (second) {
        throw new EngineUnavailableError(`detection of bucket ${name} failed twice (${task.phase}): ${(second as Error).message}`);
      }
    }
  }

  private attempt(task: BucketTask): Promise<unknown> {
    if (this.closed) return Promise.reject(new Error('the detection workers were closed'));
    const record = this.records[task.bucket]!;
    // the most attempts any phase of the bucket took
    record.attempts = Math.max(record.attempts, task.attempt);
    const started = performance.now();
    return new Promise((resolvePromise, reject) => {
      const child = fork(workerEntry, [], {
        cwd: projectRoot,
        execArgv: fromSources ? ['--import', 'tsx'] : [],
        serialization: 'advanced',
        stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
      });
      this.children.add(child);
      let stderr = '';
      child.stderr!.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-2000)));
      let reply: Reply | null = null;
      child.on('message', (m: Reply) => (reply = m));
      child.on('error', (e) => reply ?? (reply = { ok: false, error: e.message }));
      child.on('close', (code, signal) => {
        this.children.delete(child);
        const ms = performance.now() - started;
        record.ms += ms;
        record.phaseMs![task.phase] = Math.round((record.phaseMs![task.phase] ?? 0) + ms);
        const answer = reply as Reply | null;
        if (answer?.ok) {
          record.accounts = answer.accounts;
          // where a phase's time goes: reading the bucket's Parquet, building its graph and index, the phase itself
          const split = record.phaseMs!;
          for (const [part, partMs] of [['read', answer.readMs], ['build', answer.loadMs - answer.readMs], ['work', answer.workMs]] as const) split[`${task.phase}.${part}`] = Math.round((split[`${task.phase}.${part}`] ?? 0) + partMs);
          record.peakRssMb = Math.max(record.peakRssMb ?? 0, answer.peakRssMb);
          resolvePromise(answer.result);
        } else if (answer) reject(new Error(answer.error));
        else reject(new Error(`its worker ended without an answer (${signal ? `signal ${signal}` : `exit code ${code}`})${stderr.trim() ? `: ${stderr.trim().split('\n').at(-1)}` : ''}`));
      });
      child.send(task);
    });
  }
}
