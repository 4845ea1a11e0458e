import { join } from 'node:path';
import { exists } from '../io/optional-file.js';
import { compareCodeUnits } from '../order.js';
import { readMembers, RunFile } from '../run/run-files.js';
import type { ClusterMembers } from './match-clusters.js';

/**
 * The clusters of an earlier run, from its `members.csv`, sorted by cluster id with members in
 * file order. A run without the file (the first run, or one written before members were recorded)
 * has no clusters to continue, so that is an empty list; a file that is there but unreadable stops
 * the run, because matching against half a run would hand out new ids to rings that already have
 * one.
 */
export async function readPreviousClusters(runDir: string): Promise<ClusterMembers[]> {
  if (!(await exists(join(runDir, RunFile.members)))) return [];
  const members = new Map<string, string[]>();
  await readMembers(runDir, ({ clusterId, accountId }) => {
    const list = members.get(clusterId);
    if (list) list.push(accountId);
    else members.set(clusterId, [accountId]);
  });
  return [...members].map(([clusterId, accounts]) => ({ clusterId, members: accounts })).sort((x, y) => compareCodeUnits(x.clusterId, y.clusterId));
}
