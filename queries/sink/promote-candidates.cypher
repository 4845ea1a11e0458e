// Part of the finish transaction of a succeeded run: staged values become the candidate's own.
// status is left alone (it is the reviewer's), except that a rejected candidate the run re-opened
// (its evidence changed materially: reason REOPENED) is pending review again.
MATCH (c:BlacklistCandidate {stagedRunId: $runId})
SET c.runId = c.stagedRunId,
    c.clusterId = c.stagedClusterId,
    c.clusterKey = c.stagedClusterId + '@' + c.stagedRunId,
    c.score = c.stagedScore,
    c.reasons = c.stagedReasons,
    c.memberPoints = c.stagedMemberPoints,
    c.evidenceVersion = c.stagedEvidenceVersion,
    c.current = true,
    c.reopened = 'REOPENED' IN c.stagedReasons,
    c.status = CASE WHEN 'REOPENED' IN c.stagedReasons THEN 'pending' ELSE c.status END,
    c.lastFlaggedAt = datetime($finishedAt)
REMOVE c.stagedRunId, c.stagedClusterId, c.stagedScore, c.stagedReasons, c.stagedMemberPoints, c.stagedEvidenceVersion
