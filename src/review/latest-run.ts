import { basename, join } from 'node:path';
import type { CandidateEvidence } from '../detect/evidence.js';
import { UserError } from '../errors.js';
import { readCandidates, RunFile, type CandidateRow } from '../run/run-files.js';
import { latestRunPath } from '../run/run-folder.js';
import { readEvidenceFile } from './evidence-file.js';

/** A candidate of a run: its row in candidates.csv and, when the run wrote it, its evidence. */
export interface RunCandidate extends CandidateRow {
  evidence: CandidateEvidence | null;
}

export interface LatestRun {
  runId: string;
  path: string;
  /** in candidates.csv order (score, then account) */
  candidates: RunCandidate[];
  /** false for runs written before evidence.ndjson existed */
  hasEvidence: boolean;
}

/** The candidates of the run `latest` points at; a UserError before the first succeeded run. */
export async function readLatestRun(stateDir: string): Promise<LatestRun> {
  const path = await latestRunPath(stateDir);
  if (path === null) throw new UserError(`no succeeded run in ${stateDir} yet (nightly --out ${stateDir} makes one)`);
  const runId = basename(path);
  const rows: CandidateRow[] = [];
  await readCandidates(path, (row) => rows.push(row));
  const evidencePath = join(path, RunFile.evidence);
  const byAccount = new Map<string, CandidateEvidence>();
  const hasEvidence = await readEvidenceFile(evidencePath, (e) => byAccount.set(e.accountId, e));
  return {
    runId,
    path,
    candidates: rows.map((row) => ({ ...row, evidence: byAccount.get(row.accountId) ?? null })),
    hasEvidence,
  };
}
