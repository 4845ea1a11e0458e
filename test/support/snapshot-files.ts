import { cp, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import Papa from 'papaparse';

export async function readCsv(path: string): Promise<Record<string, string>[]> {
  return Papa.parse<Record<string, string>>(await readFile(path, 'utf8'), { header: true, skipEmptyLines: true }).data;
}

export async function writeCsv(path: string, rows: Record<string, string>[]): Promise<void> {
  await writeFile(path, `${Papa.unparse(rows, { newline: '\n' })}\n`);
}

/** Copies a snapshot folder, for a test to change one table of the copy. */
export async function copySnapshot(from: string, to: string): Promise<void> {
  await cp(from, to, { recursive: true });
}

/** Ring id → member account ids, from truth.csv. */
export async function ringsOf(snapshot: string): Promise<Map<string, string[]>> {
  const rings = new Map<string, string[]>();
  for (const row of await readCsv(join(snapshot, 'truth.csv'))) {
    if (!row.ring_id) continue;
    if (!rings.has(row.ring_id)) rings.set(row.ring_id, []);
    rings.get(row.ring_id)!.push(row.account_id!);
  }
  return rings;
}

/** Account id → cluster id, from a run folder's members.csv. */
export async function clusterOfAccounts(runDir: string): Promise<Map<string, string>> {
  return new Map((await readCsv(join(runDir, 'members.csv'))).map((r) => [r.account_id!, r.cluster_id!]));
}
