CREATE INDEX blacklist_candidate_current IF NOT EXISTS FOR (c:BlacklistCandidate) ON (c.current)
