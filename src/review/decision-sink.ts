import type { Decision } from './decision.js';

/**
 * Somewhere else decisions are applied once the decision log has them (Neo4j's
 * `BlacklistCandidate.status`, say). The log stays the record: a sink only mirrors it.
 */
export interface DecisionSink {
  apply(decisions: Decision[]): Promise<void>;
  /** releases connections; called once the command is done */
  close?(): Promise<void>;
}
