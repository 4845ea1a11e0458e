// Accounts with their creation time, known label ('fraud' / 'legit' / null) and extra columns,
// and each account's USES relationships (first and last seen: DateTime or null), in one statement
// so that an account is looked up once, not once more per relationship.
// row: [accountId, createdAt: epoch ms | null, label, props: {column: value | null}, rowHash (set by drop-unseen-uses)]
// use: [position of the account in $rows, identifier key, firstSeen: epoch ms | null, lastSeen: epoch ms | null],
//      sorted by key (identifiers shared by batches in flight are locked in one order)
UNWIND $rows AS row
MERGE (a:Account {accountId: row[0]})
SET a += row[3]
SET a.createdAt = CASE WHEN row[1] IS NULL THEN null ELSE datetime({epochMillis: row[1]}) END,
    a.label = row[2]
WITH collect(a) AS accounts
UNWIND $uses AS use
MATCH (i:Identifier {key: use[1]})
WITH accounts[use[0]] AS a, i, use
MERGE (a)-[u:USES]->(i)
SET u.firstSeen = CASE WHEN use[2] IS NULL THEN null ELSE datetime({epochMillis: use[2]}) END,
    u.lastSeen = CASE WHEN use[3] IS NULL THEN null ELSE datetime({epochMillis: use[3]}) END
