import { readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import Papa from 'papaparse';
import type { CandidateEvidence } from '../detect/evidence.js';
import { InputError, UserError } from '../errors.js';
import { latestRunPath } from '../run/run-folder.js';
import { parseEvidenceLines } from './evidence-file.js';

/** A candidate of a run: its row in candidates.csv and, when the run wrote it, its evidence. */
export interface RunCandidate {
  accountId: string;
  clusterId: string;
  score: number;
  reasons: string[];
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

const COLUMNS = ['account_id', 'cluster_id', 'score', 'reasons'] as const;

/** The candidates of the run `latest` points at; a UserError before the first succeeded run. */
export async function readLatestRun(stateDir: string): Promise<LatestRun> {
  const path = await latestRunPath(stateDir);
  if (path === null) throw new UserError(`no succeeded run in ${stateDir} yet (nightly --out ${stateDir} makes one)`);
  const runId = basename(path);
  const rows = parseCandidates(await readText(join(path, 'candidates.csv'), true), join(path, 'candidates.csv'));
  const evidenceText = await readText(join(path, 'evidence.ndjson'), false);
  const byAccount = new Map<string, CandidateEvidence>();
  if (evidenceText !== null) for (const e of parseEvidenceLines(evidenceText, join(path, 'evidence.ndjson'))) byAccount.set(e.accountId, e);
  return {
    runId,
    path,
    candidates: rows.map((row) => ({ ...row, evidence: byAccount.get(row.accountId) ?? null })),
    hasEvidence: evidenceText !== null,
  };
}

async function readText(path: string, required: true): Promise<string>;
async function readText(path: string, required: false): Promise<string | null>;
async function readText(path: string, required: boolean): Promise<string | null> {
  try {
    return await readFile(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' && !required) return null;
    throw new InputError(code === 'ENOENT' ? `${path} not found` : `cannot read ${path}: ${code ?? (err as Error).message}`, { cause: err });
  }
}

function parseCandidates(text: string, path: string): Omit<RunCandidate, 'evidence'>[] {
  const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { header: false, skipEmptyLines: true });
  const broken = parsed.errors.find((e) => e.code === 'MissingQuotes' || e.code === 'InvalidQuotes');
  if (broken) throw new InputError(`${path} is broken near line ${(broken.row ?? 0) + 1}: ${broken.message}`);
  const [header, ...rows] = parsed.data;
  if (!header) throw new InputError(`${path} is empty: a header row is required`);
  const index = COLUMNS.map((c) => header.indexOf(c));
  const missing = COLUMNS.filter((_, i) => index[i] === -1);
  if (missing.length > 0) throw new InputError(`${path} has no column ${missing.join(', ')} (header: ${header.join(',')})`);
  const [account, cluster, score, reasons] = index as [number, number, number, number];
  return rows.map((fields, i) => {
    const line = i + 2;
    if (fields.length !== header.length) throw new InputError(`${path} line ${line}: expected ${header.length} fields, found ${fields.length}`);
    const value = Number(fields[score]);
    if (fields[account] === '' || fields[score] === '' || !Number.isFinite(value)) throw new InputError(`${path} line ${line}: needs an account_id and a numeric score`);
    return { accountId: fields[account]!, clusterId: fields[cluster]!, score: value, reasons: fields[reasons] ? fields[reasons]!.split(';') : [] };
  });
}
