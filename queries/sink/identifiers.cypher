// Identifiers, one per normalised (kind, value), with their kind as a second label, and :Hub
// on hubs so that Browser can draw them apart (unmark-hubs removes it when a hub stops being one).
// Labels are parameters set with Neo4j 5.26 dynamic labels, validated by the sink
// (^[A-Z][A-Za-z0-9]*$), never spliced into this text.
// rowHash: the row's content hash; the next night sends the row again only when it changes.
// row: [key, kind, value, labels: [Kind] or [Kind, 'Hub'], hub, accountCount, rowHash]
UNWIND $rows AS row
MERGE (i:Identifier {key: row[0]})
SET i.kind = row[1],
    i.value = row[2],
    i.hub = row[4],
    i.accountCount = row[5],
    i.rowHash = row[6],
    i:$(row[3])
