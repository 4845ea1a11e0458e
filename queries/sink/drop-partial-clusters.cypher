// A rerun of a run id that failed (or was killed) starts its cluster versions from scratch.
// Current clusters are never touched: they belong to the last succeeded run.
MATCH (c:FraudCluster {runId: $runId})
WHERE NOT c:Current
DETACH DELETE c
