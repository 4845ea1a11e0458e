// Why is this account flagged? Its candidate record and review status, its current cluster,
// the identifiers it shares with other members (hubs included, drawn grey) or, through a
// non-hub identifier, with accounts known as fraud (Account.label = 'fraud'), and the shortest
// chains of shared non-hub identifiers that lead to known fraud accounts up to three accounts
// away.
//
// :param accountId => 'A00000003'
//
// The graph view draws the paths; the table view lists reasons and scores.
MATCH (a:Account {accountId: $accountId})
OPTIONAL MATCH (candidate:BlacklistCandidate)-[:CANDIDATE_FOR]->(a)
OPTIONAL MATCH (a)-[:MEMBER_OF]->(cluster:FraudCluster:Current)
WITH a, candidate, cluster,
     COLLECT {
       MATCH shared = (a)-[:USES]->(i:Identifier)<-[:USES]-(other:Account)
       WHERE other <> a AND ((other)-[:MEMBER_OF]->(cluster) OR (other.label = 'fraud' AND NOT i.hub))
       RETURN shared
     } AS sharedIdentifiers,
     COLLECT {
       MATCH chain = ANY SHORTEST (a) (()-[:USES]->(via:Identifier WHERE NOT via.hub)<-[:USES]-()){1,3} (known:Account {label: 'fraud'})
       WHERE known <> a
       RETURN chain
       LIMIT 10
     } AS pathsToKnownFraud
RETURN a AS account,
       a.label AS knownLabel,
       candidate.status AS reviewStatus,
       candidate.score AS candidateScore,
       candidate.reasons AS candidateReasons,
       candidate.current AS flaggedByLatestRun,
       cluster,
       cluster.summary AS clusterSummary,
       sharedIdentifiers,
       pathsToKnownFraud
