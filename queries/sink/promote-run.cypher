// Part of the finish transaction of a succeeded run: it becomes the :Current run and remembers
// which run was current before it (for "new since the previous run").
MATCH (r:PipelineRun {runId: $runId})
OPTIONAL MATCH (previous:PipelineRun:Current)
  WHERE previous.runId <> $runId
REMOVE previous:Current
SET r:Current,
    r.previousRunId = coalesce(previous.runId, r.previousRunId)
