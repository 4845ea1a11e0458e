import { compareCodeUnits } from '../order.js';
import { csvText } from '../io/csv-text.js';
import type { LineageEntry } from './match-clusters.js';

/**
 * `lineage.csv` of a run folder: `cluster_id,event,previous_cluster_ids`, previous ids sorted and
 * joined with ';'. Rows are sorted by cluster id then event, whatever order they come in, so two
 * runs with the same lineage give byte-identical files.
 */
export function lineageCsv(entries: readonly LineageEntry[]): string {
  const rows = [...entries]
    .sort((x, y) => compareCodeUnits(x.clusterId, y.clusterId) || compareCodeUnits(x.event, y.event))
    .map((e) => [e.clusterId, e.event, [...e.previousClusterIds].sort(compareCodeUnits).join(';')]);
  return csvText(['cluster_id', 'event', 'previous_cluster_ids'], rows);
}
