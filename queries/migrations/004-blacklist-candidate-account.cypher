// One BlacklistCandidate per account: its review status outlives the runs that flag it.
CREATE CONSTRAINT blacklist_candidate_account IF NOT EXISTS FOR (c:BlacklistCandidate) REQUIRE c.accountId IS UNIQUE
