import { join } from 'node:path';
import { z } from 'zod';
import { exists } from '../io/optional-file.js';
import { readCsvRows } from '../io/read-csv-rows.js';
import type { RunManifest } from '../run/manifest.js';
import { readClusterDetails, readMembers, readRejects, RunFile, RunFileColumns } from '../run/run-files.js';
import { readRunHistory } from '../run/run-history.js';

/**
 * The one place the report reads run files: the run folder it describes (clusters.ndjson,
 * members.csv, lineage.csv, rejects.csv, through the run folder format's readers) and the
 * manifests of the runs kept beside it. Every file is optional (a failed run has only some); each
 * cluster line is checked for what the report draws.
 */

const IdentifierUse = z.object({ kind: z.string(), value: z.string(), accounts: z.number(), member_ids: z.array(z.string()).default([]) });

const ReportClusterSchema = z.object({
  cluster_id: z.string(),
  score: z.number(),
  summary: z.string(),
  first_seen_run: z.string().optional(),
  features: z.looseObject({ size: z.number() }),
  contributions: z.array(z.object({ code: z.string(), points: z.number(), description: z.string().optional(), value: z.unknown().optional() })),
  shared_identifiers: z.array(IdentifierUse.extend({ members: z.number() })),
  known_fraud_members: z.array(z.string()).default([]),
  hubs: z.array(IdentifierUse).default([]),
});
export type ReportCluster = z.infer<typeof ReportClusterSchema>;

export interface LineageRow {
  clusterId: string;
  event: string;
  previousClusterIds: string[];
}

export interface RejectReason {
  table: string;
  reason: string;
  rows: number;
}

export interface RunFiles {
  manifest: RunManifest;
  /** in the run's order: score, highest first */
  clusters: ReportCluster[];
  /** account ids of each cluster (members.csv) */
  members: Map<string, string[]>;
  lineage: LineageRow[];
  rejects: RejectReason[];
  /** every run kept in the state folder (this one included), oldest first */
  history: RunManifest[];
}

/** Reads what the report shows about the run in `runDir`; `manifest` is the run's (it may not be on disk yet). */
export async function readRunFiles(runDir: string, stateDir: string, manifest: RunManifest): Promise<RunFiles> {
  const [clusters, members, lineage, rejects, history] = await Promise.all([
    readClusters(runDir),
    readClusterMembers(runDir),
    readLineage(runDir),
    readRejectReasons(runDir),
    readHistory(stateDir, manifest),
  ]);
  return { manifest, clusters, members, lineage, rejects, history };
}

async function readClusters(runDir: string): Promise<ReportCluster[]> {
  return ((await readClusterDetails(runDir)) ?? []).map((line) => ReportClusterSchema.parse(line));
}

async function readClusterMembers(runDir: string): Promise<Map<string, string[]>> {
  const members = new Map<string, string[]>();
  if (!(await exists(join(runDir, RunFile.members)))) return members;
  await readMembers(runDir, ({ clusterId, accountId }) => {
    const list = members.get(clusterId) ?? [];
    list.push(accountId);
    members.set(clusterId, list);
  });
  return members;
}

async function readLineage(runDir: string): Promise<LineageRow[]> {
  const path = join(runDir, RunFile.lineage);
  const rows: LineageRow[] = [];
  if (!(await exists(path))) return rows;
  await readCsvRows(path, RunFileColumns.lineage, ([clusterId, event, previous]) => rows.push({ clusterId: clusterId!, event: event!, previousClusterIds: (previous ?? '').split(';').filter(Boolean) }));
  return rows;
}

/** Rejected rows counted by table and reason; a value quoted in a reason is left out, so alike rows count together. */
async function readRejectReasons(runDir: string): Promise<RejectReason[]> {
  const counts = new Map<string, RejectReason>();
  if (!(await exists(join(runDir, RunFile.rejects)))) return [];
  await readRejects(runDir, (r) => {
    const reason = r.reason.replace(/"(?:[^"\\]|\\.)*"…?/g, '…');
    const key = `${r.table}\u0000${reason}`;
    const entry = counts.get(key) ?? { table: r.table, reason, rows: 0 };
    entry.rows++;
    counts.set(key, entry);
  });
  return [...counts.values()].sort((x, y) => y.rows - x.rows || (x.table + x.reason < y.table + y.reason ? -1 : 1));
}

async function readHistory(stateDir: string, manifest: RunManifest): Promise<RunManifest[]> {
  const { runs } = await readRunHistory(stateDir).catch(() => ({ runs: [] as RunManifest[] }));
  const others = runs.filter((m) => m.runId !== manifest.runId);
  return [...others, manifest].sort((x, y) => (x.startedAt < y.startedAt ? -1 : x.startedAt > y.startedAt ? 1 : 0));
}
