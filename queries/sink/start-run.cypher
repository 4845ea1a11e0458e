// Records the run before anything else is written; finish-run sets succeeded or failed.
// Rerunning a run id resets it to running (its counts are replaced at finish).
MERGE (r:PipelineRun {runId: $runId})
SET r.startedAt = datetime($startedAt),
    r.status = 'running',
    r.finishedAt = null,
    r.configHash = $configHash,
    r.version = $version,
    r.scope = $scope
