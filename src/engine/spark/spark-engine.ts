import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { KindAggregates } from '../../detect/kind-aggregates.js';
import type { Logger } from '../../log.js';
import type { EngineRecord, GroupingRule, WalkRule } from '../engine.js';
import { identifierIdKey } from './identifier-ids.js';
import { runSparkJob, runSparkMeasure, type SparkSettings } from './run-spark-job.js';
import { buildSparkTool, type SparkTool } from './spark-tool.js';
import { writeWalkAccounts, type PartFolders } from './write-parts.js';
import type { LoadOptions } from '../../snapshot/read-snapshot.js';
import type { StageTimer } from '../../run/stage-timer.js';
import { loadToParts } from './load-to-parts.js';
import type { PartsLoad } from './parts-load.js';

/** Accounts per bucket past which the night gets more buckets than the 16 it starts with. */
export const BUCKET_ACCOUNTS = 65_536;

/**
 * Buckets the job writes (a whole component per bucket, by the hash of its smallest account key):
 * the unit a detection worker loads alone. At least 16, and more as the night grows, so a bucket
 * stays about 64k accounts (a giant component is one bucket whatever the count).
 */
export function sparkBucketCount(accounts: number): number {
  return Math.max(16, Math.ceil(accounts / BUCKET_ACCOUNTS));
}

export interface SparkEngineOptions extends SparkSettings {
  /** the run's work folder: the parts, the job's output and checkpoints; removed when the night ends */
  workDir: string;
  /** the card hashing key, from which the identifier ids' key is derived */
  panKey: string;
  log: Logger;
}

/** What the second pass leaves for detection: the buckets, and the night's counts it took. */
export interface SparkGrouping {
  /** buckets/bucket=B/: whole components, one row per account (docs/scale-out.md) */
  bucketsDir: string;
  components: number;
  hubs: number;
}

/**
 * The global steps on Spark, for a night this process never holds whole: `load` streams the
 * snapshot into Parquet parts (identifier ids a 64-bit keyed hash of kind and value); the job's
 * first pass counts accounts per identifier and the per-kind aggregates the kind weights are
 * measured from (`measureKinds`), its second applies the grouping rule to those weights, finds
 * components, walks to known fraud and writes buckets of whole components (`group`), which the
 * detection workers load one at a time.
 */
export interface SparkEngine {
  readonly name: 'spark';
  load(input: string, loadOptions: LoadOptions, timer: StageTimer): Promise<PartsLoad>;
  measureKinds(kinds: number, hubMinAccounts: number, timer: StageTimer): Promise<KindAggregates[]>;
  group(accounts: { label: Int8Array; approved?: Uint8Array }, rule: GroupingRule, walk: WalkRule, timer: StageTimer): Promise<SparkGrouping>;
  record(): EngineRecord;
  /** removes what the engine wrote for itself (called however the night ends) */
  close(): Promise<void>;
}

export function sparkEngine(options: SparkEngineOptions): SparkEngine {
  const { workDir, log } = options;
  let loaded: { parts: PartFolders; tool: SparkTool } | null = null;
  const record: EngineRecord = { name: 'spark', master: options.master };
  const out = join(workDir, 'out');
  const ready = () => {
    if (!loaded) throw new Error('the Spark engine has loaded no snapshot');
    return loaded;
  };
  // two passes, two JVMs: the larger peak, and the CPU of both
  const keepUsage = (result: { jvmPeakRssMb: number | null; jvmCpuSeconds: number | null }) => {
    if (result.jvmPeakRssMb !== null) record.jvmPeakRssMb = Math.max(record.jvmPeakRssMb ?? 0, result.jvmPeakRssMb);
    if (result.jvmCpuSeconds !== null) record.jvmCpuSeconds = Math.round(((record.jvmCpuSeconds ?? 0) + result.jvmCpuSeconds) * 10) / 10;
  };
  return {
    name: 'spark',
    async load(input, loadOptions, timer) {
      // the build (a no-op once built) before any work, so a machine without Maven or java fails early
      const tool = await timer.run('spark: build tool', () => buildSparkTool());
      const load = await timer.run('spark: load to parts', () => loadToParts(input, loadOptions, identifierIdKey(options.panKey), join(workDir, 'parts')));
      loaded = { parts: load.parts, tool };
      return load;
    },
    // two invocations of the job rather than one JVM that waits for the weights: each pass is a
    // plain batch job (no protocol on a pipe, a pass can be rerun alone, spark-submit on a cluster
    // runs either unchanged), at the cost of a second JVM and Spark session (seconds); the second
    // pass reads the first's accounts per identifier instead of counting them again
    async measureKinds(kinds, hubMinAccounts, timer) {
      const { parts, tool } = ready();
      const result = await timer.run('spark: measure', () => runSparkMeasure(tool, options, { links: parts.links, out, scratch: join(workDir, 'scratch'), hubMinAccounts, kinds }));
      record.measureApplicationId = result.applicationId;
      record.jobMs = { ...result.ms };
      keepUsage(result);
      return result.kinds;
    },
    async group(accounts, rule, walk, timer) {
      const { parts, tool } = ready();
      const walkAccounts = await timer.run('spark: write walk accounts', () => writeWalkAccounts(accounts.label, accounts.approved, walk.fold, join(workDir, 'parts', 'walk-accounts')));
      const result = await timer.run('spark: job', () =>
        runSparkJob(tool, options, {
          links: parts.links,
          accounts: parts.accounts,
          identifierValues: parts.identifierValues,
          out,
          checkpoint: join(workDir, 'checkpoints'),
          scratch: join(workDir, 'scratch'),
          kindWeights: rule.kindWeights,
          hubMinAccounts: rule.hubMinAccounts,
          linkMinWeight: rule.linkMinWeight,
          buckets: sparkBucketCount(accounts.label.length),
          walk: { transactions: parts.transactions, walkAccounts, kindEvidence: walk.kindEvidence, dilutes: walk.dilutes, restart: walk.restart, iterations: walk.iterations, folds: walk.folds },
        }),
      );
      Object.assign(record, { master: result.master, applicationId: result.applicationId, componentsAlgorithm: result.componentsAlgorithm, jobMs: { ...record.jobMs, ...result.ms } });
      keepUsage(result);
      record.identifiers = { count: result.identifiers, hubs: result.hubs, grouping: result.groupingIdentifiers };
      // the job counts the distinct values and their collisions (a streamed load holds no set of them)
      record.identifierIds = { values: result.identifierValues, collisions: result.identifierCollisions };
      if (result.identifierCollisions > 0) log.warn({ collisions: result.identifierCollisions }, 'identifier values share a 64-bit id: the Spark engine takes them for one identifier');
      log.info({ applicationId: result.applicationId, master: result.master, components: result.components, groupingIdentifiers: result.groupingIdentifiers }, 'Spark job finished');
      return { bucketsDir: join(out, 'buckets'), components: result.components, hubs: result.hubs };
    },
    record: () => ({ ...record }),
    close: () => rm(workDir, { recursive: true, force: true }),
  };
}
