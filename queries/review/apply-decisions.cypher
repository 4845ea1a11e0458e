// Records blacklist review decisions on the candidates (fraud-rings review decide --sink neo4j).
// $rows: [{accountId, status: 'approved'|'rejected', reviewer, reviewedAt (ISO), note, evidenceVersion}]
UNWIND $rows AS row
MATCH (b:BlacklistCandidate {accountId: row.accountId})
SET b.status = row.status,
    b.reviewer = row.reviewer,
    b.reviewedAt = datetime(row.reviewedAt),
    b.reviewNote = row.note,
    b.reviewedEvidenceVersion = row.evidenceVersion
