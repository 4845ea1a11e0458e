import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { proximityFromRanks } from '../../detect/proximity.js';
import type { Logger } from '../../log.js';
import type { Engine, EngineRecord } from '../engine.js';
import { checkIdentifiers } from './check-identifiers.js';
import { identifierIdKey, identifierIds, type IdentifierIds } from './identifier-ids.js';
import { readComponents } from './read-components.js';
import { readIdentifiers } from './read-identifiers.js';
import { runSparkJob, runSparkMeasure, type SparkSettings } from './run-spark-job.js';
import { buildSparkTool, type SparkTool } from './spark-tool.js';
import { readProximityRanks } from './read-proximity.js';
import { writeParts, writeWalkAccounts, type PartFolders } from './write-parts.js';
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

export interface SparkEngine extends Engine {
  /**
   * Instead of loading the snapshot whole and then `prepare`: reads it straight into the job's
   * parts (loadToParts), holding only what the rest of the night needs. The identifiers' numbers
   * are then not checked against a local graph (there is none).
   */
  load(input: string, loadOptions: LoadOptions, timer: StageTimer): Promise<PartsLoad>;
}

/**
 * The global steps on Spark: the normalised links go out as Parquet parts (identifier ids are a
 * 64-bit keyed hash of kind and value); the job's first pass counts accounts per identifier and
 * the per-kind aggregates the kind weights are measured from, its second applies the grouping rule
 * to those weights, finds components, walks to known fraud and writes buckets; the identifiers'
 * numbers are checked against this process's, the components come back in the local engine's
 * numbering and the walk's integer ranks become proximity here.
 */
export function sparkEngine(options: SparkEngineOptions): SparkEngine {
  const { workDir, log } = options;
  let parts: PartFolders | null = null;
  let ids: IdentifierIds | null = null;
  let tool: SparkTool | null = null;
  /** the kinds a streamed load found (load), else the snapshot's */
  let loadedKinds: number | null = null;
  const record: EngineRecord = { name: 'spark', master: options.master };
  const out = join(workDir, 'out');
  // two passes, two JVMs: the larger peak, and the CPU of both
  const keepUsage = (result: { jvmPeakRssMb: number | null; jvmCpuSeconds: number | null }) => {
    if (result.jvmPeakRssMb !== null) record.jvmPeakRssMb = Math.max(record.jvmPeakRssMb ?? 0, result.jvmPeakRssMb);
    if (result.jvmCpuSeconds !== null) record.jvmCpuSeconds = Math.round(((record.jvmCpuSeconds ?? 0) + result.jvmCpuSeconds) * 10) / 10;
  };
  return {
    async load(input, loadOptions, timer) {
      tool = await timer.run('spark: build tool', () => buildSparkTool());
      const loaded = await timer.run('spark: load to parts', () => loadToParts(input, loadOptions, identifierIdKey(options.panKey), join(workDir, 'parts')));
      parts = loaded.parts;
      loadedKinds = loaded.kinds.length;
      ids = null;
      return loaded;
    },
    async prepare(snapshot, timer) {
      // the build (a no-op once built) before any work, so a machine without Maven or java fails early
      tool = await timer.run('spark: build tool', () => buildSparkTool());
      const hashed = await timer.run('spark: identifier ids', () => identifierIds(snapshot, identifierIdKey(options.panKey)));
      ids = hashed;
      record.identifierIds = { values: hashed.ids.length, collisions: hashed.collisions };
      if (hashed.collisions > 0) log.warn({ collisions: hashed.collisions }, 'identifier values share a 64-bit id: the Spark engine takes them for one identifier');
      parts = await timer.run('spark: write parts', () => writeParts(snapshot, hashed, join(workDir, 'parts')));
    },
    // two invocations of the job rather than one JVM that waits for the weights: each pass is a
    // plain batch job (no protocol on a pipe, a pass can be rerun alone, spark-submit on a cluster
    // runs either unchanged), at the cost of a second JVM and Spark session (seconds); the second
    // pass reads the first's accounts per identifier instead of counting them again
    async measureKinds(snapshot, _graph, hubMinAccounts, timer) {
      if (!parts || !tool) throw new Error('the Spark engine was not prepared');
      const built = tool;
      const result = await timer.run('spark: measure', () =>
        runSparkMeasure(built, options, { links: parts!.links, out, scratch: join(workDir, 'scratch'), hubMinAccounts, kinds: loadedKinds ?? snapshot.identifiers.kinds.length }),
      );
      record.measureApplicationId = result.applicationId;
      record.jobMs = { ...result.ms };
      keepUsage(result);
      return result.kinds;
    },
    async components(snapshot, graph, weights, rule, walk, timer) {
      if (!parts || !tool) throw new Error('the Spark engine was not prepared');
      const built = tool;
      const walkAccounts = await timer.run('spark: write walk accounts', () => writeWalkAccounts(snapshot.accounts.label, snapshot.accounts.approved, walk.fold, join(workDir, 'parts', 'walk-accounts')));
      const result = await timer.run('spark: job', () =>
        runSparkJob(built, options, {
          links: parts!.links,
          accounts: parts!.accounts,
          identifierValues: parts!.identifierValues,
          out,
          checkpoint: join(workDir, 'checkpoints'),
          scratch: join(workDir, 'scratch'),
          kindWeights: rule.kindWeights,
          hubMinAccounts: rule.hubMinAccounts,
          linkMinWeight: rule.linkMinWeight,
          buckets: sparkBucketCount(snapshot.accounts.ids.length),
          walk: { transactions: parts!.transactions, walkAccounts, kindEvidence: walk.kindEvidence, dilutes: walk.dilutes, restart: walk.restart, iterations: walk.iterations, folds: walk.folds },
        }),
      );
      Object.assign(record, { master: result.master, applicationId: result.applicationId, componentsAlgorithm: result.componentsAlgorithm, jobMs: { ...record.jobMs, ...result.ms } });
      keepUsage(result);
      record.identifiers = { count: result.identifiers, hubs: result.hubs, grouping: result.groupingIdentifiers };
      // the job counts the distinct values and their collisions on either path (a streamed load cannot)
      record.identifierIds = { values: result.identifierValues, collisions: result.identifierCollisions };
      if (!ids && result.identifierCollisions > 0) log.warn({ collisions: result.identifierCollisions }, 'identifier values share a 64-bit id: the Spark engine takes them for one identifier');
      log.info({ applicationId: result.applicationId, master: result.master, components: result.components, groupingIdentifiers: result.groupingIdentifiers }, 'Spark job finished');
      // two values under one id are one identifier to Spark: their numbers cannot match one by one
      // a streamed load (load) has no local numbers to check against
      if (ids && ids.collisions === 0) {
        const hashed = ids;
        await timer.run('spark: read identifiers', async () => checkIdentifiers(snapshot, graph, weights, await readIdentifiers(join(out, 'identifiers'), hashed.ids)));
      }
      return timer.run('spark: read components', () => readComponents(join(out, 'components'), graph.accountCount));
    },
    async proximity(snapshot, _graph, _weights, _transactions, walk, timer) {
      // the job walked in whole mass units; the logarithm is taken here, so Java's libm never has to agree with V8's
      const ranks = await timer.run('spark: read proximity', () => readProximityRanks(join(out, 'proximity'), snapshot.accounts.ids.length));
      return proximityFromRanks(ranks, snapshot.accounts.label, walk.fold, walk.folds);
    },
    record: () => ({ ...record }),
    bucketsDir: () => join(out, 'buckets'),
    close: () => rm(workDir, { recursive: true, force: true }),
  };
}
