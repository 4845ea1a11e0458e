// Part of the finish transaction of a succeeded run: :Current moves from the previous run's
// cluster versions to this run's, atomically.
OPTIONAL MATCH (old:FraudCluster:Current)
  WHERE old.runId <> $runId
REMOVE old:Current
WITH count(*) AS retired
MATCH (c:FraudCluster {runId: $runId})
SET c:Current
