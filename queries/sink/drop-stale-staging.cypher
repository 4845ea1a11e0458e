// Part of the finish transaction of a succeeded run: values staged by runs that failed are dropped.
MATCH (c:BlacklistCandidate)
WHERE c.stagedRunId IS NOT NULL
REMOVE c.stagedRunId, c.stagedClusterId, c.stagedScore, c.stagedReasons, c.stagedMemberPoints, c.stagedEvidenceVersion
