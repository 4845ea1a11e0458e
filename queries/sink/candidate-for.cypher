// Each candidate points at its account.
// row: {accountId, ...}
UNWIND $rows AS row
MATCH (c:BlacklistCandidate {accountId: row.accountId})
MATCH (a:Account {accountId: row.accountId})
MERGE (c)-[:CANDIDATE_FOR]->(a)
