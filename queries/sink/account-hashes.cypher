// The rowHash of each account in tonight's scope that the database holds (see row-hash.ts):
// rows whose hash is unchanged are not sent again. Accounts without one are written.
// $ids: account ids
UNWIND $ids AS id
MATCH (a:Account {accountId: id})
WHERE a.rowHash IS NOT NULL
RETURN id, a.rowHash AS hash
