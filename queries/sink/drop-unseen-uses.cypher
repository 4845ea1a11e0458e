// Neo4j shows tonight's graph: a USES link of an account written tonight that tonight's snapshot
// no longer has (its identifier row was dropped) is removed, and so is an identifier no account
// uses any more. Accounts outside tonight's scope are not touched.
// The account's rowHash is set here, after its properties and USES (accounts.cypher) and their
// clean-up are written: a night that dies between the two leaves the old hash, and the next night
// sends the account again.
// row: [accountId, keys of every identifier the account uses in tonight's snapshot, rowHash]
UNWIND $rows AS row
MATCH (a:Account {accountId: row[0]})
SET a.rowHash = row[2]
WITH a, row
MATCH (a)-[u:USES]->(i:Identifier)
WHERE NOT i.key IN row[1]
DELETE u
WITH DISTINCT i
WHERE NOT EXISTS { (i)<-[:USES]-() }
DETACH DELETE i
