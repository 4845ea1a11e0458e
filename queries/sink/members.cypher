// Members of this run's cluster versions.
// row: {key (clusterId@runId), accountId}
UNWIND $rows AS row
MATCH (c:FraudCluster {key: row.key})
MATCH (a:Account {accountId: row.accountId})
MERGE (a)-[:MEMBER_OF]->(c)
