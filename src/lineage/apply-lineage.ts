import type { Detection } from '../detect/detection.js';
import { compareCodeUnits } from '../order.js';
import { matchClusters, type ClusterMembers, type LineageEntry } from './match-clusters.js';

export interface PreviousRun {
  runId: string;
  clusters: ClusterMembers[];
  /** first run each previous cluster was seen in */
  firstSeen: Map<string, string>;
}

export interface LineageApplied {
  detection: Detection;
  lineage: LineageEntry[];
  /** first run each current cluster was seen in (this run for new ones) */
  firstSeen: Map<string, string>;
}

/**
 * Stage: renames tonight's clusters to the ids they had in the previous run where they are the
 * same ring (see match-clusters.ts), and records what happened to each.
 */
export function applyLineage(detection: Detection, accountIds: readonly string[], runId: string, previous: PreviousRun | null): LineageApplied {
  const current = detection.clusters.map((c) => ({ clusterId: c.clusterId, members: Array.from(c.members, (a) => accountIds[a]!) }));
  const { idOf, lineage } = matchClusters(previous?.clusters ?? [], current);
  const rename = (id: string) => idOf.get(id) ?? id;
  const clusters = detection.clusters
    .map((c) => ({ ...c, clusterId: rename(c.clusterId) }))
    .sort((x, y) => y.score - x.score || compareCodeUnits(x.clusterId, y.clusterId));
  const candidates = detection.candidates.map((c) => ({ ...c, clusterId: rename(c.clusterId) }));
  const firstSeen = new Map<string, string>();
  for (const c of clusters) firstSeen.set(c.clusterId, previous?.firstSeen.get(c.clusterId) ?? runId);
  return { detection: { ...detection, clusters, candidates }, lineage, firstSeen };
}
