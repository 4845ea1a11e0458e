// How far a run got in the graph (the commit protocol's repair, docs/commit-protocol.md): its
// status, whether it is current, how many cluster versions it wrote, and which run is current.
OPTIONAL MATCH (r:PipelineRun {runId: $runId})
OPTIONAL MATCH (now:PipelineRun:Current)
RETURN r.status AS status,
       coalesce(r:Current, false) AS current,
       COUNT { MATCH (c:FraudCluster {runId: $runId}) } AS clusters,
       now.runId AS currentRunId
