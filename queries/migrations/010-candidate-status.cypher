// The review queue: candidates by status (pending, confirmed, dismissed, ...).
CREATE INDEX blacklist_candidate_status IF NOT EXISTS FOR (c:BlacklistCandidate) ON (c.status)
