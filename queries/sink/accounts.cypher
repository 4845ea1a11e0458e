// Accounts with their creation time, known label ('fraud' / 'legit' / null) and extra columns.
// row: {accountId, createdAt: epoch ms | null, label, props: {column: value | null}}
UNWIND $rows AS row
MERGE (a:Account {accountId: row.accountId})
SET a += row.props
SET a.createdAt = CASE WHEN row.createdAt IS NULL THEN null ELSE datetime({epochMillis: row.createdAt}) END,
    a.label = row.label
