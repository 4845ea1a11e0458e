// What changed tonight: clusters of the latest run that grew, shrank, merged or split compared
// with the previous run (lineage), with the previous size and the ids they came from.
// New clusters: new-clusters.cypher. Dissolved ones are listed in the run folder's lineage.csv.
//
// Nothing to set. Sorted by change (grown, merged, shrunk, split), then score.
MATCH (run:PipelineRun:Current)-[:FOUND]->(c:FraudCluster)
WHERE c.lineageEvent IN ['grown', 'shrunk', 'merged', 'split']
OPTIONAL MATCH (:PipelineRun {runId: run.previousRunId})-[:FOUND]->(p:FraudCluster)
WHERE p.clusterId IN c.previousClusterIds
WITH run, c, collect(p.clusterId + ' (' + toString(p.size) + ' accounts)') AS before
RETURN c.lineageEvent AS change,
       c.clusterId AS cluster,
       c.size AS accounts,
       before AS previously,
       c.score AS score,
       c.summary AS summary,
       c.firstSeenRunId AS firstSeen
ORDER BY change, score DESC, cluster
