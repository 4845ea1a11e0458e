import { basename, join } from 'node:path';
import type { CandidateEvidence } from '../detect/evidence.js';
import { DamagedStateError, UserError } from '../errors.js';
import { exists } from '../io/optional-file.js';
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
  if (!(await exists(path))) {
    throw new DamagedStateError(`${join(stateDir, 'latest')} points to runs/${runId}, which is missing: the next nightly run points it to the newest sealed run (with a warning), or point it to a run folder yourself`);
  }
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
