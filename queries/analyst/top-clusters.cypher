// Top clusters of the latest successful run, strongest first.
//
// Only the :Current cluster versions are the latest result: a run that failed halfway never
// moves :Current, so what you see here is always one complete run.
//
// Nothing to set. Change the LIMIT to see more.
MATCH (run:PipelineRun:Current)-[:FOUND]->(c:FraudCluster)
RETURN c.clusterId AS cluster,
       c.score AS score,
       c.size AS accounts,
       c.reasons AS reasons,
       c.summary AS summary,
       c.lineageEvent AS sincePreviousRun,
       c.firstSeenRunId AS firstSeenInRun,
       run.runId AS run
ORDER BY score DESC, accounts DESC, cluster
LIMIT 25
