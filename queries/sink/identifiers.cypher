// Identifiers, one per normalised (kind, value), with their kind as a second label.
// The label is a parameter set with Neo4j 5.26 dynamic labels, validated by the sink
// (^[A-Z][A-Za-z0-9]*$), never spliced into this text.
// Hubs also carry a :Hub label (kept in step with the hub property), so Browser can draw them apart.
// row: {key, kind, value, label, hub, accountCount}
UNWIND $rows AS row
MERGE (i:Identifier {key: row.key})
SET i.kind = row.kind,
    i.value = row.value,
    i.hub = row.hub,
    i.accountCount = row.accountCount,
    i:$(row.label)
FOREACH (_ IN CASE WHEN row.hub THEN [1] ELSE [] END | SET i:Hub)
FOREACH (_ IN CASE WHEN row.hub THEN [] ELSE [1] END | REMOVE i:Hub)
