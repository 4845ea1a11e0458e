// Accounts with their creation time, known label ('fraud' / 'legit' / null) and extra columns.
// row: [accountId, createdAt: epoch ms | null, label, props: {column: value | null}]
UNWIND $rows AS row
MERGE (a:Account {accountId: row[0]})
SET a += row[3]
SET a.createdAt = CASE WHEN row[1] IS NULL THEN null ELSE datetime({epochMillis: row[1]}) END,
    a.label = row[2]
