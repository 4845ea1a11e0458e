import { readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { latestRunPath } from '../run/run-folder.js';
import type { PreviousRun } from './apply-lineage.js';
import { readPreviousClusters } from './previous-clusters.js';

/** The latest succeeded run of a state folder, as lineage needs it; null before the first run. */
export async function readPreviousRun(stateDir: string): Promise<PreviousRun | null> {
  const runDir = await latestRunPath(stateDir);
  if (!runDir) return null;
  const clusters = await readPreviousClusters(runDir);
  const firstSeen = new Map<string, string>();
  const details = await readFile(join(runDir, 'clusters.ndjson'), 'utf8').catch(() => '');
  for (const line of details.split('\n')) {
    if (line === '') continue;
    const { cluster_id, first_seen_run } = JSON.parse(line) as { cluster_id: string; first_seen_run?: string };
    if (first_seen_run) firstSeen.set(cluster_id, first_seen_run);
  }
  return { runId: basename(runDir), clusters, firstSeen };
}
