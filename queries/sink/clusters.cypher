// This run's cluster versions (key clusterId@runId), found by the run. They become :Current only
// when the run finishes successfully (promote-clusters).
// row: {key, clusterId, score, size, reasons, summary, contributions (JSON), features, sharedIdentifierKeys,
//       firstSeenRunId, lineageEvent, previousClusterIds}
MATCH (r:PipelineRun {runId: $runId})
UNWIND $rows AS row
MERGE (c:FraudCluster {key: row.key})
SET c += row.features
SET c.clusterId = row.clusterId,
    c.runId = $runId,
    c.score = row.score,
    c.size = row.size,
    c.reasons = row.reasons,
    c.summary = row.summary,
    c.contributions = row.contributions,
    c.sharedIdentifierKeys = row.sharedIdentifierKeys,
    c.firstSeenRunId = row.firstSeenRunId,
    c.lineageEvent = row.lineageEvent,
    c.previousClusterIds = row.previousClusterIds,
    c.foundAt = r.startedAt
MERGE (r)-[:FOUND]->(c)
