// Clusters that are new since the previous successful run: no cluster of that run had the same
// (stable) id, or was named as a predecessor by lineage (merged, split, grown ...).
// On the first run every cluster is new.
//
// Nothing to set.
MATCH (run:PipelineRun:Current)-[:FOUND]->(c:FraudCluster)
WHERE NOT EXISTS {
  MATCH (:PipelineRun {runId: run.previousRunId})-[:FOUND]->(p:FraudCluster)
  WHERE p.clusterId = c.clusterId OR p.clusterId IN c.previousClusterIds
}
RETURN c.clusterId AS cluster,
       c.score AS score,
       c.size AS accounts,
       c.summary AS summary,
       c.lineageEvent AS lineage,
       run.runId AS run,
       run.previousRunId AS previousRun
ORDER BY score DESC, accounts DESC, cluster
