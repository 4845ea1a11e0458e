// The rowHash of each identifier in tonight's scope that the database holds (see row-hash.ts):
// rows whose hash is unchanged are not sent again. Identifiers without one are written.
// $ids: identifier keys
UNWIND $ids AS id
MATCH (i:Identifier {key: id})
WHERE i.rowHash IS NOT NULL
RETURN id, i.rowHash AS hash
