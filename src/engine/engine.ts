import type { KindAggregates } from '../detect/kind-aggregates.js';
import type { Components } from '../graph/components.js';
import type { IdentifierGraph } from '../graph/identifier-graph.js';
import type { IdentifierWeights } from '../graph/identifier-weights.js';
import type { TransactionIndex } from '../graph/transaction-index.js';
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

/** The walk to known fraud (src/detect/proximity.ts), as numbers an engine applies itself. */
export interface WalkRule {
  /** by kind id: the evidence of a shared value (nats) and whether it thins out past a few accounts */
  kindEvidence: readonly number[];
  dilutes: readonly boolean[];
  /** each account's fold: its proximity comes from the known fraud of the other folds */
  fold: Uint8Array;
  folds: number;
  restart: number;
  iterations: number;
}

/** What the manifest says about the engine that ran the global steps. */
export interface EngineRecord {
  name: 'local' | 'spark';
  master?: string;
  applicationId?: string;
  /** the first pass's (kind aggregates); applicationId is the second's */
  measureApplicationId?: string;
  componentsAlgorithm?: string;
  /** distinct (kind, value) pairs, and how many share a 64-bit id with another */
  identifierIds?: { values: number; collisions: number };
  /** identifiers Spark counted, the hubs among them and those that group */
  identifiers?: { count: number; hubs: number; grouping: number };
  /** the Spark JVM's peak resident memory (local mode: java -cp, or spark-submit's driver) */
  jvmPeakRssMb?: number;
  /** the Spark JVM's CPU seconds, user + system (local mode: java -cp, or spark-submit's driver) */
  jvmCpuSeconds?: number;
  /** the job's own steps, in ms */
  jobMs?: Record<string, number>;
  /** detection in worker processes: how many ran at once */
  workers?: number;
  /** per bucket: its accounts, its time over every phase (ms), how many attempts it took */
  buckets?: BucketRecord[];
}

/** One bucket of detection in worker processes, as the manifest records it. */
export interface BucketRecord {
  bucket: string;
  accounts: number;
  ms: number;
  attempts: number;
  phaseMs?: Record<string, number>;
  peakRssMb?: number;
}

/**
 * The global steps of a night held whole, in this process (`--engine local`): the kinds counted
 * over the graph, components, the walk to known fraud. The Spark engine
 * (src/engine/spark/spark-engine.ts) takes the same steps for a night this process never holds
 * whole, and gives the same numbers.
 */
export interface Engine {
  readonly name: 'local';
  /** the integer aggregates per kind (by kind id) that tonight's kind weights are measured from */
  measureKinds(snapshot: Snapshot, graph: IdentifierGraph, hubMinAccounts: number, timer: StageTimer): Promise<KindAggregates[]>;
  components(snapshot: Snapshot, graph: IdentifierGraph, weights: IdentifierWeights, timer: StageTimer): Promise<Components>;
  /** proximity to known fraud of every account (0–5) */
  proximity(snapshot: Snapshot, graph: IdentifierGraph, weights: IdentifierWeights, transactions: TransactionIndex, walk: WalkRule, timer: StageTimer): Promise<Float64Array>;
  record(): EngineRecord;
  close(): Promise<void>;
}
