// Which account uses which identifier, first and last seen (DateTime or null).
// row: {accountId, key, firstSeen: epoch ms | null, lastSeen: epoch ms | null}
UNWIND $rows AS row
MATCH (a:Account {accountId: row.accountId})
MATCH (i:Identifier {key: row.key})
MERGE (a)-[u:USES]->(i)
SET u.firstSeen = CASE WHEN row.firstSeen IS NULL THEN null ELSE datetime({epochMillis: row.firstSeen}) END,
    u.lastSeen = CASE WHEN row.lastSeen IS NULL THEN null ELSE datetime({epochMillis: row.lastSeen}) END
