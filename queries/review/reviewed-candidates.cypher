// Every candidate whose status a reviewer has set (in Neo4j Browser or through the CLI), so the
// next run can take decisions made directly in the graph into the decision log.
MATCH (b:BlacklistCandidate)
WHERE b.status IN ['approved', 'rejected']
RETURN b.accountId AS accountId, b.status AS status, b.reviewer AS reviewer, b.reviewNote AS note
ORDER BY accountId
