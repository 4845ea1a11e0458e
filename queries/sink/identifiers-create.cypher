// identifiers.cypher for a database that holds no Identifier yet (the first write): CREATE
// instead of MERGE, as the sink checks before it writes. The uniqueness constraint still guards
// every key; a rerun finds identifiers and MERGEs.
// row: [key, kind, value, labels: [Kind] or [Kind, 'Hub'], hub, accountCount, rowHash]
UNWIND $rows AS row
CREATE (i:Identifier:$(row[3]) {key: row[0], kind: row[1], value: row[2], hub: row[4], accountCount: row[5], rowHash: row[6]})
