// Pipeline runs, newest first: status, when, and what they found. A run stuck at 'running'
// lost Neo4j before it could record its end; its results never became current.
//
// Nothing to set.
MATCH (r:PipelineRun)
RETURN r.runId AS run,
       r.status AS status,
       r:Current AS current,
       r.startedAt AS startedAt,
       r.finishedAt AS finishedAt,
       r.scope AS scope,
       r.accounts AS accounts,
       r.clusters AS clusters,
       r.candidates AS candidates,
       r.writeMs AS neo4jWriteMs,
       r.version AS version
ORDER BY startedAt DESC
LIMIT 30
