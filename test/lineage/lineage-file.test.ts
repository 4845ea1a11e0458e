import { describe, expect, it } from 'vitest';
import { lineageCsv } from '../../src/lineage/lineage-file.js';

describe('lineageCsv', () => {
  it('writes a header, sorts rows by cluster id then event and previous ids within a row', () => {
    const csv = lineageCsv([
      { clusterId: 'FR-bbbbbbbbbbbb', event: 'new', previousClusterIds: [] },
      { clusterId: 'FR-aaaaaaaaaaaa', event: 'merged', previousClusterIds: ['FR-cccccccccccc', 'FR-aaaaaaaaaaaa'] },
      { clusterId: 'FR-aaaaaaaaaaaa', event: 'dissolved', previousClusterIds: [] },
    ]);
    expect(csv).toBe(
      'cluster_id,event,previous_cluster_ids\n' +
        'FR-aaaaaaaaaaaa,dissolved,\n' +
        'FR-aaaaaaaaaaaa,merged,FR-aaaaaaaaaaaa;FR-cccccccccccc\n' +
        'FR-bbbbbbbbbbbb,new,\n',
    );
  });

  it('quotes ids that hold a comma, a quote or a line break', () => {
    const csv = lineageCsv([{ clusterId: 'odd,"id"', event: 'split', previousClusterIds: ['x\ny'] }]);
    expect(csv).toBe('cluster_id,event,previous_cluster_ids\n"odd,""id""",split,"x\ny"\n');
  });

  it('writes only the header for no entries and leaves its input untouched', () => {
    expect(lineageCsv([])).toBe('cluster_id,event,previous_cluster_ids\n');
    const entry = { clusterId: 'FR-a', event: 'merged' as const, previousClusterIds: ['FR-c', 'FR-b'] };
    lineageCsv([entry]);
    expect(entry.previousClusterIds).toEqual(['FR-c', 'FR-b']);
  });
});
