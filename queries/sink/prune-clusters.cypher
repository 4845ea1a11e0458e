// Keeps the cluster versions of the newest $keepRuns finished runs; older versions (and their
// MEMBER_OF and FOUND relationships) are deleted. Current clusters and PipelineRun nodes stay.
MATCH (r:PipelineRun)
WHERE r.status IN ['succeeded', 'failed']
WITH r
ORDER BY r.startedAt DESC
SKIP $keepRuns
MATCH (c:FraudCluster {runId: r.runId})
WHERE NOT c:Current
DETACH DELETE c
