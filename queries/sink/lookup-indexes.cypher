// The indexes on Account and Identifier that no constraint owns (lookups for analysts: value,
// hub, label). A first write drops them and the migrations build them again once the graph is
// in: one scan and sort per index instead of a B-tree insert per node.
SHOW RANGE INDEXES
YIELD name, entityType, labelsOrTypes, owningConstraint
WHERE entityType = 'NODE' AND owningConstraint IS NULL AND any(label IN labelsOrTypes WHERE label IN ['Account', 'Identifier'])
RETURN name
ORDER BY name
