import type { Driver } from 'neo4j-driver';
import type { Decision } from '../../review/decision.js';
import type { DecisionSink } from '../../review/decision-sink.js';
import type { ReviewedCandidate, ReviewSource } from '../../review/review-source.js';
import type { ConnectionSettings } from './connection-settings.js';
import { describeNeo4jError } from './neo4j-errors.js';
import { openDriver } from './driver.js';
import { QueryFiles } from './query-files.js';

export const REVIEW_QUERIES = 'review';

export type { ReviewedCandidate } from '../../review/review-source.js';

/** Writes CLI decisions onto the BlacklistCandidate nodes: status, reviewer, reviewedAt, note. */
export class Neo4jDecisionSink implements DecisionSink, ReviewSource {
  static async open(settings: ConnectionSettings, retrySeconds = 30): Promise<Neo4jDecisionSink> {
    const queries = await QueryFiles.load([REVIEW_QUERIES]);
    return new Neo4jDecisionSink(await openDriver(settings, { retrySeconds }), settings, queries);
  }

  constructor(
    private readonly driver: Driver,
    private readonly settings: ConnectionSettings,
    private readonly queries: QueryFiles,
  ) {}

  async apply(decisions: Decision[]): Promise<void> {
    const rows = decisions.map((d) => ({
      accountId: d.accountId,
      status: d.decision === 'approve' ? 'approved' : 'rejected',
      reviewer: d.by,
      reviewedAt: d.at,
      note: d.note,
      evidenceVersion: d.evidenceVersion,
    }));
    const session = this.driver.session({ database: this.settings.database });
    try {
      await session.executeWrite((tx) => tx.run(this.queries.get(`${REVIEW_QUERIES}/apply-decisions`), { rows }));
    } catch (err) {
      throw describeNeo4jError(err, this.settings, { step: 'write', what: 'review decisions' }) ?? err;
    } finally {
      await session.close();
    }
  }

  async close(): Promise<void> {
    await this.driver.close();
  }

  /** The statuses reviewers have set in the graph (Neo4j Browser included). */
  reviewed(): Promise<ReviewedCandidate[]> {
    return readReviewedCandidates(this.driver, this.settings, this.queries);
  }
}

/** The statuses reviewers have set in the graph. */
export async function readReviewedCandidates(driver: Driver, settings: ConnectionSettings, queries: QueryFiles): Promise<ReviewedCandidate[]> {
  const session = driver.session({ database: settings.database });
  try {
    const result = await session.executeRead((tx) => tx.run(queries.get(`${REVIEW_QUERIES}/reviewed-candidates`)));
    return result.records.map((r) => {
      const logStatus = (r.get('logStatus') as ReviewedCandidate['status'] | null) ?? null;
      const logDecisionAt = (r.get('logDecisionAt') as string | null) ?? null;
      return {
        accountId: r.get('accountId') as string,
        status: r.get('status') as ReviewedCandidate['status'],
        reviewer: (r.get('reviewer') as string | null) ?? null,
        note: (r.get('note') as string | null) ?? null,
        reviewedAt: (r.get('reviewedAt') as string | null) ?? null,
        mirrored: logStatus && logDecisionAt ? { status: logStatus, at: logDecisionAt } : null,
      };
    });
  } catch (err) {
    throw describeNeo4jError(err, settings, { step: 'write', what: 'reading review statuses' }) ?? err;
  } finally {
    await session.close();
  }
}
