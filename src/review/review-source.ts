import type { DecisionSink } from './decision-sink.js';

/** A status a reviewer set outside the CLI (on a BlacklistCandidate node in Neo4j Browser). */
export interface ReviewedCandidate {
  accountId: string;
  status: 'approved' | 'rejected';
  reviewer: string | null;
  note: string | null;
  /** when the status was set, as far as the graph knows (ISO); null when a reviewer set none */
  reviewedAt: string | null;
  /**
   * The decision-log line the graph last mirrored for the account (written by the decision sink
   * only): its status and its time. null when the sink never wrote one.
   */
  mirrored: { status: 'approved' | 'rejected'; at: string } | null;
}

/**
 * Where such statuses are read from before a night, and where the decision log is mirrored back
 * to after it (so decisions made without `--sink neo4j` reach the graph); the Neo4j decision sink is one.
 */
export interface ReviewSource extends DecisionSink {
  reviewed(): Promise<ReviewedCandidate[]>;
  close(): Promise<void>;
}
