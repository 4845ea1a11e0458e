// accounts.cypher for a database that holds no Account yet (the first write): CREATE instead of
// MERGE for the accounts and their USES, as the sink checks before it writes. The uniqueness
// constraint still guards every account id, and so every USES created with its account: a batch
// retried after a commit that did happen fails instead of doubling them. A rerun finds accounts
// and MERGEs.
// row: [accountId, createdAt: epoch ms | null, label, props: {column: value | null}, rowHash]
// (a created account has no USES to drop: its rowHash is set here, not by drop-unseen-uses)
// use: [position of the account in $rows, identifier key, firstSeen: epoch ms | null, lastSeen: epoch ms | null],
//      sorted by key (identifiers shared by batches in flight are locked in one order)
UNWIND $rows AS row
CREATE (a:Account {accountId: row[0]})
SET a += row[3]
SET a.createdAt = CASE WHEN row[1] IS NULL THEN null ELSE datetime({epochMillis: row[1]}) END,
    a.label = row[2],
    a.rowHash = row[4]
WITH collect(a) AS accounts
UNWIND $uses AS use
MATCH (i:Identifier {key: use[1]})
WITH accounts[use[0]] AS a, i, use
CREATE (a)-[:USES {firstSeen: CASE WHEN use[2] IS NULL THEN null ELSE datetime({epochMillis: use[2]}) END,
                   lastSeen: CASE WHEN use[3] IS NULL THEN null ELSE datetime({epochMillis: use[3]}) END}]->(i)
