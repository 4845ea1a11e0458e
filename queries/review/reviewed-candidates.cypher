// Every candidate whose status a reviewer has set (in Neo4j Browser or through the CLI), so the
// next run can take decisions made directly in the graph into the decision log. In the order they
// were made, as far as the graph knows: by reviewedAt when set; statuses set without one (a plain
// SET b.status in Browser) come last, approvals before rejections, since a reviewer who confirms a
// ring and clears one member in the same sitting has seen that member's link to the ring.
// logStatus / logDecisionAt: the decision-log line the node last mirrored (see apply-decisions).
MATCH (b:BlacklistCandidate)
WHERE b.status IN ['approved', 'rejected']
RETURN b.accountId AS accountId, b.status AS status, b.reviewer AS reviewer, b.reviewNote AS note,
       toString(b.reviewedAt) AS reviewedAt, b.logStatus AS logStatus, toString(b.logDecisionAt) AS logDecisionAt
ORDER BY b.reviewedAt IS NULL, b.reviewedAt, CASE b.status WHEN 'approved' THEN 0 ELSE 1 END, accountId
