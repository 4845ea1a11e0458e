import type { Components } from '../graph/components.js';
import type { IdentifierGraph } from '../graph/identifier-graph.js';
import type { IdentifierWeights } from '../graph/identifier-weights.js';
import type { StageTimer } from '../run/stage-timer.js';
import type { Snapshot } from '../snapshot/snapshot.js';

/** Which identifiers group, as numbers: what the Spark engine needs to apply src/graph/identifier-weights.ts's rule itself. */
export interface GroupingRule {
  /** the weight of each kind, by kind id */
  kindWeights: readonly number[];
  hubMinAccounts: number;
  /** the pair weight from which an identifier groups tonight */
  linkMinWeight: number;
}

/** What the manifest says about the engine that ran the global steps. */
export interface EngineRecord {
  name: 'local' | 'spark';
  master?: string;
  applicationId?: string;
  componentsAlgorithm?: string;
  /** distinct (kind, value) pairs, and how many share a 64-bit id with another */
  identifierIds?: { values: number; collisions: number };
  /** the Spark JVM's peak resident memory (local mode through java -cp) */
  jvmPeakRssMb?: number;
  /** the Spark JVM's CPU seconds, user + system (local mode through java -cp) */
  jvmCpuSeconds?: number;
  /** the job's own steps, in ms */
  jobMs?: Record<string, number>;
}

/**
 * Where the global steps of a night run. The local engine runs them in this process; the Spark
 * engine on Spark (local mode or a cluster). Both give the same components, so every step after
 * is the same.
 */
export interface Engine {
  /** right after the snapshot is loaded, while its links are still held */
  prepare(snapshot: Snapshot, timer: StageTimer): Promise<void>;
  components(graph: IdentifierGraph, weights: IdentifierWeights, rule: GroupingRule, timer: StageTimer): Promise<Components>;
  record(): EngineRecord;
  /** removes what the engine wrote for itself (called however the night ends) */
  close(): Promise<void>;
}
