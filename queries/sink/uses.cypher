// Which account uses which identifier, first and last seen (DateTime or null).
// row: [accountId, key, firstSeen: epoch ms | null, lastSeen: epoch ms | null]
UNWIND $rows AS row
MATCH (a:Account {accountId: row[0]})
MATCH (i:Identifier {key: row[1]})
MERGE (a)-[u:USES]->(i)
SET u.firstSeen = CASE WHEN row[2] IS NULL THEN null ELSE datetime({epochMillis: row[2]}) END,
    u.lastSeen = CASE WHEN row[3] IS NULL THEN null ELSE datetime({epochMillis: row[3]}) END
