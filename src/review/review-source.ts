/** A status a reviewer set outside the CLI (on a BlacklistCandidate node in Neo4j Browser). */
export interface ReviewedCandidate {
  accountId: string;
  status: 'approved' | 'rejected';
  reviewer: string | null;
  note: string | null;
}

/** Where such statuses are read from before a night; the Neo4j decision sink is one. */
export interface ReviewSource {
  reviewed(): Promise<ReviewedCandidate[]>;
  close(): Promise<void>;
}
