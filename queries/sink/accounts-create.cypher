// accounts.cypher for a database that holds no Account yet (the first write): CREATE instead of
// MERGE, as the sink checks before it writes. The uniqueness constraint still guards every
// account id; a rerun finds accounts and MERGEs.
// row: [accountId, createdAt: epoch ms | null, label, props: {column: value | null}]
UNWIND $rows AS row
CREATE (a:Account {accountId: row[0]})
SET a += row[3]
SET a.createdAt = CASE WHEN row[1] IS NULL THEN null ELSE datetime({epochMillis: row[1]}) END,
    a.label = row[2]
