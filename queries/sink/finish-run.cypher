// Final status, finish time and the run's counts, each count a property of its own.
MATCH (r:PipelineRun {runId: $runId})
SET r += $counts
SET r.status = $status,
    r.finishedAt = datetime($finishedAt)
