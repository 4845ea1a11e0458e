// Records blacklist review decisions on the candidates (fraud-rings review decide --sink neo4j,
// and every night the decision log's current decisions). logStatus and logDecisionAt say which
// line of the decision log the node mirrors: a status that differs from logStatus was set in the
// graph after it (the review sync takes it as a new decision only then).
// $rows: [{accountId, status: 'approved'|'rejected', reviewer, reviewedAt (ISO), note, evidenceVersion}]
UNWIND $rows AS row
MATCH (b:BlacklistCandidate {accountId: row.accountId})
SET b.status = row.status,
    b.reviewer = row.reviewer,
    b.reviewedAt = datetime(row.reviewedAt),
    b.reviewNote = row.note,
    b.reviewedEvidenceVersion = row.evidenceVersion,
    b.logStatus = row.status,
    b.logDecisionAt = datetime(row.reviewedAt)
