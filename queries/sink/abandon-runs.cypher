// Runs still 'running' while another run holds the database lock were killed (or lost Neo4j)
// before they finished: they are marked failed, so that nothing shows them running for ever.
// $keep: this run, and the state folder's latest run (which the repair may just have promoted).
MATCH (r:PipelineRun {status: 'running'})
WHERE NOT r.runId IN $keep
SET r.status = 'failed',
    r.finishedAt = datetime($at),
    r.abandoned = true
RETURN collect(r.runId) AS runs
