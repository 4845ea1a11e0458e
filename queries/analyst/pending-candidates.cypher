// Blacklist candidates waiting for review: flagged by the latest successful run and still
// pending, highest score first.
//
// Nothing to set. To record a decision, set the status in Neo4j Browser; no later run
// overwrites it (runs only set status on new candidates), and the next nightly run with
// --sink neo4j takes it into the decision log:
//   MATCH (b:BlacklistCandidate {accountId: 'A00000003'})
//   SET b.status = 'approved', b.reviewer = 'your name', b.reviewNote = 'why', b.reviewedAt = datetime()
// ('approved' blacklists the account, 'rejected' is a false alarm). The CLI does the same:
//   fraud-rings review decide --out <state> --account A00000003 --decision approve --by <you> --sink neo4j
MATCH (b:BlacklistCandidate {current: true, status: 'pending'})-[:CANDIDATE_FOR]->(a:Account)
OPTIONAL MATCH (c:FraudCluster {key: b.clusterKey})
RETURN b.accountId AS account,
       b.score AS score,
       b.reasons AS reasons,
       b.clusterId AS cluster,
       c.summary AS clusterSummary,
       a.label AS knownLabel,
       b.firstRunId AS firstFlaggedInRun,
       b.lastFlaggedAt AS lastFlaggedAt
ORDER BY score DESC, account
LIMIT 100
