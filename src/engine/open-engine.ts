import type { Logger } from '../log.js';
import type { Engine } from './engine.js';
import { localEngine } from './local-engine.js';
import { sparkEngine, type SparkEngine } from './spark/spark-engine.js';
import type { SparkSettings } from './spark/run-spark-job.js';

/** `nightly --engine local|spark` and the Spark settings that come with it. */
export type EngineChoice = { name: 'local' } | ({ name: 'spark' } & SparkSettings);

export function openEngine(choice: EngineChoice | undefined, context: { workDir: string; panKey: string; log: Logger }): Engine | SparkEngine {
  if (!choice || choice.name === 'local') return localEngine();
  return sparkEngine({ ...choice, ...context });
}
