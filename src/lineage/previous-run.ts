import { basename } from 'node:path';
import { latestRunPath } from '../run/run-folder.js';
import { readClusterDetails } from '../run/run-files.js';
import type { PreviousRun } from './apply-lineage.js';
import { readPreviousClusters } from './previous-clusters.js';

/**
 * The latest succeeded run of a state folder, as lineage needs it; null before the first run. A
 * run written before clusters.ndjson existed gives no first-seen runs; a broken one stops the run.
 */
export async function readPreviousRun(stateDir: string): Promise<PreviousRun | null> {
  const runDir = await latestRunPath(stateDir);
  if (!runDir) return null;
  const clusters = await readPreviousClusters(runDir);
  const firstSeen = new Map<string, string>();
  for (const { cluster_id, first_seen_run } of (await readClusterDetails(runDir)) ?? []) {
    if (first_seen_run) firstSeen.set(cluster_id, first_seen_run);
  }
  return { runId: basename(runDir), clusters, firstSeen };
}
