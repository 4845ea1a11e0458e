import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from '../../log.js';
import type { Engine, EngineRecord } from '../engine.js';
import { identifierIdKey, identifierIds } from './identifier-ids.js';
import { readComponents } from './read-components.js';
import { runSparkJob, type SparkSettings } from './run-spark-job.js';
import { buildSparkTool, type SparkTool } from './spark-tool.js';
import { writeParts, type PartFolders } from './write-parts.js';

/**
 * Buckets the job writes (a whole component per bucket, by the hash of its smallest account key):
 * the unit a detection worker will load alone.
 */
export const SPARK_BUCKETS = 16;

export interface SparkEngineOptions extends SparkSettings {
  /** the run's work folder: the parts, the job's output and checkpoints; removed when the night ends */
  workDir: string;
  /** the card hashing key, from which the identifier ids' key is derived */
  panKey: string;
  log: Logger;
}

/**
 * The global steps on Spark: the normalised links go out as Parquet parts (identifier ids are a
 * 64-bit keyed hash of kind and value), the job counts accounts per identifier, applies the
 * grouping rule to the numbers this night measured, finds components and writes buckets; the
 * components come back in the local engine's numbering.
 */
export function sparkEngine(options: SparkEngineOptions): Engine {
  const { workDir, log } = options;
  let parts: PartFolders | null = null;
  let tool: SparkTool | null = null;
  const record: EngineRecord = { name: 'spark', master: options.master };
  return {
    async prepare(snapshot, timer) {
      // the build (a no-op once built) before any work, so a machine without Maven or java fails early
      tool = await timer.run('spark: build tool', () => buildSparkTool());
      const ids = await timer.run('spark: identifier ids', () => identifierIds(snapshot, identifierIdKey(options.panKey)));
      record.identifierIds = { values: ids.ids.length, collisions: ids.collisions };
      if (ids.collisions > 0) log.warn({ collisions: ids.collisions }, 'identifier values share a 64-bit id: the Spark engine takes them for one identifier');
      parts = await timer.run('spark: write parts', () => writeParts(snapshot, ids, join(workDir, 'parts')));
    },
    async components(graph, _weights, rule, timer) {
      if (!parts || !tool) throw new Error('the Spark engine was not prepared');
      const out = join(workDir, 'out');
      const built = tool;
      const result = await timer.run('spark: job', () =>
        runSparkJob(built, options, {
          links: parts!.links,
          accounts: parts!.accounts,
          out,
          checkpoint: join(workDir, 'checkpoints'),
          scratch: join(workDir, 'scratch'),
          kindWeights: rule.kindWeights,
          hubMinAccounts: rule.hubMinAccounts,
          linkMinWeight: rule.linkMinWeight,
          buckets: SPARK_BUCKETS,
        }),
      );
      Object.assign(record, { master: result.master, applicationId: result.applicationId, componentsAlgorithm: result.componentsAlgorithm, jobMs: result.ms, ...(result.jvmPeakRssMb !== null ? { jvmPeakRssMb: result.jvmPeakRssMb } : {}), ...(result.jvmCpuSeconds !== null ? { jvmCpuSeconds: result.jvmCpuSeconds } : {}) });
      log.info({ applicationId: result.applicationId, master: result.master, components: result.components, groupingIdentifiers: result.groupingIdentifiers }, 'Spark job finished');
      return timer.run('spark: read components', () => readComponents(join(out, 'components'), graph.accountCount));
    },
    record: () => ({ ...record }),
    close: () => rm(workDir, { recursive: true, force: true }),
  };
}
