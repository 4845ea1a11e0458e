// Frees the nightly lock, if this run still holds it.
MATCH (l:PipelineLock {name: 'nightly', runId: $runId})
SET l.runId = null, l.host = null, l.pid = null, l.since = null, l.expiresAt = null
