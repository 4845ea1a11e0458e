// Candidate values written by a run that has not finished yet (promoted at finish).
CREATE INDEX blacklist_candidate_staged_run IF NOT EXISTS FOR (c:BlacklistCandidate) ON (c.stagedRunId)
