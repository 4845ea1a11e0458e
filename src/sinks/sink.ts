import type { Detection } from '../detect/detection.js';
import type { CandidateEvidence } from '../detect/evidence.js';
import type { GraphFacts } from '../graph/graph-facts.js';
import type { IdentifierGraph } from '../graph/identifier-graph.js';
import type { IdentifierWeights } from '../graph/identifier-weights.js';
import type { LineageEntry } from '../lineage/match-clusters.js';
import type { Snapshot } from '../snapshot/snapshot.js';

/** What one run knows about itself, handed to every sink. */
export interface RunInfo {
  runId: string;
  startedAt: string;
  configHash: string;
  version: string;
  /**
   * The run `latest` named when this run started (after the state folder's repair): a sink whose
   * current result is another run's reconciles with it (docs/commit-protocol.md). Absent: none.
   */
  latestRunId?: string | null;
}

/**
 * What every night ends with, however it held the snapshot: the detection, with the account ids
 * and the graph's facts to name things (the run folder needs no more).
 */
export interface RunResult {
  run: RunInfo;
  /** the night's account ids, by account index */
  accountIds: readonly string[];
  facts: GraphFacts;
  detection: Detection;
  /** one bundle per candidate, sorted by account id */
  evidence: CandidateEvidence[];
  /** what happened to each cluster since the previous run (cluster ids are already the stable ones) */
  lineage: LineageEntry[];
  /** first run each cluster was seen in */
  firstSeen: Map<string, string>;
  /** the run lineage compared against; null on the first run */
  previousRunId: string | null;
}

/** A night that held the snapshot whole (the local engine): the graph sinks write it all. */
export interface RunOutput extends RunResult {
  snapshot: Snapshot;
  graph: IdentifierGraph;
  weights: IdentifierWeights;
}

export interface SinkReport {
  sink: string;
  /** rows or entities written, by kind */
  written: Record<string, number>;
}

/**
 * A destination for a run's results. The pipeline opens every sink before detection (so an
 * unreachable destination fails fast), writes once, then marks the run finished or failed.
 */
export interface Sink {
  readonly name: string;
  /** whether write() reads the identifier graph's link times (graph.firstSeen, graph.lastSeen) */
  readonly readsLinkTimes: boolean;
  open(run: RunInfo): Promise<void>;
  write(output: RunOutput): Promise<SinkReport>;
  /**
   * Records the run's final status; called for failed runs too, best effort. For a succeeded run
   * it is called only once the run folder is sealed and `latest` points to it.
   */
  finish(run: RunInfo, status: 'succeeded' | 'failed', counts: Record<string, number>): Promise<void>;
  /**
   * For a rerun of a run id that is sealed and `latest` already (a kill stopped it before this
   * sink made it current): makes the written result current. Resolves false when nothing was left
   * to do. Sinks without a step after sealing leave it out.
   */
  complete?(run: RunInfo, counts: Record<string, number>): Promise<boolean>;
  close(): Promise<void>;
}
