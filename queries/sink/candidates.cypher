// Blacklist candidates, one per account. status is set only when the node is created: a reviewer
// changes it in Neo4j Browser and no run overwrites it. This run's values are staged and become
// the candidate's score/reasons/runId/clusterId at a successful finish (promote-candidates).
// row: {accountId, clusterId, clusterKey, score, memberPoints, reasons, evidenceVersion}
UNWIND $rows AS row
MERGE (c:BlacklistCandidate {accountId: row.accountId})
ON CREATE SET c.status = 'pending',
              c.current = false,
              c.firstRunId = $runId
SET c.stagedRunId = $runId,
    c.stagedClusterId = row.clusterId,
    c.stagedScore = row.score,
    c.stagedReasons = row.reasons,
    c.stagedMemberPoints = row.memberPoints,
    c.stagedEvidenceVersion = row.evidenceVersion
