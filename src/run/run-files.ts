import { join } from 'node:path';
import { z } from 'zod';
import { InputError } from '../errors.js';
import { writeFileAtomic } from '../io/atomic-write.js';
import { csvText } from '../io/csv-text.js';
import { parseNdjsonLines } from '../io/ndjson-lines.js';
import { readOptionalText } from '../io/optional-file.js';
import { readCsvRows } from '../io/read-csv-rows.js';
import { compareCodeUnits } from '../order.js';
import { RunManifestSchema, type RunManifest } from './manifest.js';

/**
 * The run folder format: the contract schedulers archive, analysts diff and later runs and the
 * review commands read. Every file's name and columns, one writer per file and one validated
 * reader per file the project reads back. (evidence.ndjson is read by review/evidence-file.ts
 * against the evidence schema; rejects.csv is written row by row by snapshot/rejects.ts while
 * the snapshot loads.)
 */
export const RunFile = {
  manifest: 'manifest.json',
  clusters: 'clusters.csv',
  members: 'members.csv',
  candidates: 'candidates.csv',
  hubs: 'hubs.csv',
  clusterDetails: 'clusters.ndjson',
  lineage: 'lineage.csv',
  evidence: 'evidence.ndjson',
  rejects: 'rejects.csv',
  report: 'report.html',
} as const;

export const RunFileColumns = {
  clusters: ['cluster_id', 'score', 'size', 'reasons', 'summary'],
  members: ['cluster_id', 'account_id'],
  candidates: ['account_id', 'cluster_id', 'score', 'reasons'],
  hubs: ['kind', 'value', 'account_count'],
  lineage: ['cluster_id', 'event', 'previous_cluster_ids'],
  rejects: ['table', 'line', 'reason', 'raw'],
} as const;

export interface ClusterRow {
  clusterId: string;
  score: number;
  size: number;
  /** rule codes, joined with ';' in the file */
  reasons: readonly string[];
  summary: string;
}

export interface MemberRow {
  clusterId: string;
  accountId: string;
}

export interface CandidateRow {
  accountId: string;
  clusterId: string;
  score: number;
  /** rule codes, joined with ';' in the file */
  reasons: string[];
}

export interface HubRow {
  kind: string;
  value: string;
  accountCount: number;
}

export interface LineageRow {
  clusterId: string;
  event: string;
  previousClusterIds: readonly string[];
}

/** A line of clusters.ndjson: the fields later runs read back; the writer adds the rest. */
export const ClusterDetailSchema = z.looseObject({
  cluster_id: z.string().min(1),
  first_seen_run: z.string().min(1).optional(),
});
export type ClusterDetail = z.infer<typeof ClusterDetailSchema>;

// --- writers: each file written atomically; the manifest comes last and marks the folder complete

export function writeClusters(dir: string, rows: readonly ClusterRow[]): Promise<void> {
  return writeFileAtomic(join(dir, RunFile.clusters), csvText(RunFileColumns.clusters, rows.map((r) => [r.clusterId, r.score, r.size, r.reasons.join(';'), r.summary])));
}

export function writeMembers(dir: string, rows: readonly MemberRow[]): Promise<void> {
  return writeFileAtomic(join(dir, RunFile.members), csvText(RunFileColumns.members, rows.map((r) => [r.clusterId, r.accountId])));
}

export function writeCandidates(dir: string, rows: readonly CandidateRow[]): Promise<void> {
  return writeFileAtomic(join(dir, RunFile.candidates), csvText(RunFileColumns.candidates, rows.map((r) => [r.accountId, r.clusterId, r.score, r.reasons.join(';')])));
}

export function writeHubs(dir: string, rows: readonly HubRow[]): Promise<void> {
  return writeFileAtomic(join(dir, RunFile.hubs), csvText(RunFileColumns.hubs, rows.map((r) => [r.kind, r.value, r.accountCount])));
}

export function writeClusterDetails(dir: string, details: Iterable<ClusterDetail>): Promise<void> {
  return writeFileAtomic(join(dir, RunFile.clusterDetails), jsonLines(details));
}

export function writeEvidence(dir: string, evidence: Iterable<object>): Promise<void> {
  return writeFileAtomic(join(dir, RunFile.evidence), jsonLines(evidence));
}

export function writeLineage(dir: string, rows: readonly LineageRow[]): Promise<void> {
  return writeFileAtomic(join(dir, RunFile.lineage), lineageCsv(rows));
}

export function writeManifest(dir: string, manifest: RunManifest): Promise<void> {
  return writeFileAtomic(join(dir, RunFile.manifest), `${JSON.stringify(manifest, null, 2)}\n`);
}

/**
 * `lineage.csv`: previous ids sorted and joined with ';'. Rows are sorted by cluster id then
 * event, whatever order they come in, so two runs with the same lineage give byte-identical files.
 */
export function lineageCsv(rows: readonly LineageRow[]): string {
  const sorted = [...rows]
    .sort((x, y) => compareCodeUnits(x.clusterId, y.clusterId) || compareCodeUnits(x.event, y.event))
    .map((e) => [e.clusterId, e.event, [...e.previousClusterIds].sort(compareCodeUnits).join(';')]);
  return csvText(RunFileColumns.lineage, sorted);
}

/** One line per item, made as the writer takes them: the lines die young instead of all living until the file is written. */
function* jsonLines(items: Iterable<object>): Generator<string> {
  for (const item of items) yield `${JSON.stringify(item)}\n`;
}

// --- readers: a file that is there but does not hold what it should is an InputError naming it

/** The CSV files are escaped against formula injection when written (io/csv-cell.ts); reading undoes it. */
const OWN_FILE = { ownFile: true } as const;

/** manifest.json, checked against its schema. */
export async function readManifest(runDir: string): Promise<RunManifest> {
  const path = join(runDir, RunFile.manifest);
  const text = await readOptionalText(path);
  if (text === null) throw new InputError(`${path} not found`);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new InputError(`${path} is not JSON`);
  }
  const parsed = RunManifestSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new InputError(`${path} is not a run manifest: ${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  return parsed.data;
}

/** members.csv, row by row in file order (streamed: evaluation reads big runs). */
export async function readMembers(runDir: string, onRow: (row: MemberRow, line: number) => void): Promise<void> {
  const path = join(runDir, RunFile.members);
  await readCsvRows(path, RunFileColumns.members, ([clusterId, accountId], line) => {
    if (!clusterId || !accountId) throw new InputError(`${path} line ${line}: needs a cluster_id and an account_id`);
    onRow({ clusterId, accountId }, line);
  }, OWN_FILE);
}

/** candidates.csv, row by row in file order (score, then account). */
export async function readCandidates(runDir: string, onRow: (row: CandidateRow, line: number) => void): Promise<void> {
  const path = join(runDir, RunFile.candidates);
  await readCsvRows(path, RunFileColumns.candidates, ([accountId, clusterId, score, reasons], line) => {
    const value = Number(score);
    if (!accountId || score === '' || !Number.isFinite(value)) throw new InputError(`${path} line ${line}: needs an account_id and a numeric score`);
    onRow({ accountId, clusterId: clusterId!, score: value, reasons: reasons ? reasons.split(';') : [] }, line);
  }, OWN_FILE);
}

export interface RejectRow {
  table: string;
  line: string;
  reason: string;
  raw: string;
}

/** rejects.csv of a folder (a run folder, or a dry run's scratch folder), row by row. */
export async function readRejects(dir: string, onRow: (row: RejectRow) => void): Promise<void> {
  await readCsvRows(join(dir, RunFile.rejects), RunFileColumns.rejects, ([table, line, reason, raw]) => onRow({ table: table!, line: line!, reason: reason!, raw: raw! }), OWN_FILE);
}

/** clusters.ndjson; a run written before the file existed has none (null). */
export async function readClusterDetails(runDir: string): Promise<ClusterDetail[] | null> {
  const path = join(runDir, RunFile.clusterDetails);
  const text = await readOptionalText(path);
  return text === null ? null : parseNdjsonLines(text, path, ClusterDetailSchema, 'a cluster');
}
