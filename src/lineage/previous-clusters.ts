import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import Papa from 'papaparse';
import { InputError } from '../errors.js';
import { compareCodeUnits } from '../order.js';
import type { ClusterMembers } from './match-clusters.js';

/**
 * The clusters of an earlier run, from its `members.csv` (`cluster_id,account_id`), sorted by
 * cluster id with members in file order. A run without the file (the first run, or one written
 * before members were recorded) has no clusters to continue, so that is an empty list; a file that
 * is there but unreadable stops the run, because matching against half a run would hand out new
 * ids to rings that already have one.
 */
export async function readPreviousClusters(runDir: string): Promise<ClusterMembers[]> {
  const path = join(runDir, 'members.csv');
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw new InputError(`cannot read previous clusters from ${path}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`, { cause: err });
  }

  const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { header: false, delimiter: ',', skipEmptyLines: true });
  const broken = parsed.errors[0];
  if (broken) throw new InputError(`previous clusters file ${path} is broken: ${broken.message} (row ${(broken.row ?? 0) + 1})`);
  const [header, ...rows] = parsed.data;
  if (!header) return [];
  const clusterColumn = header.indexOf('cluster_id');
  const accountColumn = header.indexOf('account_id');
  if (clusterColumn < 0 || accountColumn < 0) throw new InputError(`previous clusters file ${path} needs the columns cluster_id and account_id, found ${header.join(',')}`);

  const members = new Map<string, string[]>();
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r]!;
    const clusterId = row[clusterColumn];
    const accountId = row[accountColumn];
    if (row.length !== header.length || !clusterId || !accountId) {
      throw new InputError(`previous clusters file ${path} has a bad data row ${r + 1}: expected ${header.length} non-empty fields`);
    }
    const list = members.get(clusterId);
    if (list) list.push(accountId);
    else members.set(clusterId, [accountId]);
  }
  return [...members].map(([clusterId, accounts]) => ({ clusterId, members: accounts })).sort((x, y) => compareCodeUnits(x.clusterId, y.clusterId));
}
