// One nightly run per database. The SET first takes the lock node's write lock, so two runs
// starting together are serialised and the second sees the first's holder. The lock is free when
// nobody holds it, when it expired (a killed run), when this run id holds it (a rerun), or when
// the caller forces it (the holder was a dead process on this host).
MERGE (l:PipelineLock {name: 'nightly'})
SET l.checkedAt = datetime()
WITH l, (l.runId IS NULL OR l.expiresAt < datetime() OR l.runId = $runId OR $force) AS free
SET l.runId = CASE WHEN free THEN $runId ELSE l.runId END,
    l.host = CASE WHEN free THEN $host ELSE l.host END,
    l.pid = CASE WHEN free THEN $pid ELSE l.pid END,
    l.since = CASE WHEN free THEN datetime() ELSE l.since END,
    l.expiresAt = CASE WHEN free THEN datetime() + duration({minutes: $ttlMinutes}) ELSE l.expiresAt END
RETURN free, l.runId AS runId, l.host AS host, l.pid AS pid, toString(l.since) AS since
