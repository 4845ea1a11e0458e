// Part of the finish transaction of a succeeded run: candidates this run did not flag are no
// longer current (their last values and review status stay).
MATCH (c:BlacklistCandidate {current: true})
WHERE c.runId <> $runId
SET c.current = false
