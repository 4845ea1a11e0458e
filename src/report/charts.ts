import type { TopLevelSpec } from 'vega-lite';
import type { RunManifest } from '../run/manifest.js';
import type { ReportCluster } from './run-files.js';

/** Vega-Lite specs of the report's plots; data inline, binned, so 1,000 clusters draw as a few bars. */

const base = { $schema: 'https://vega.github.io/schema/vega-lite/v6.json', width: 320, height: 160, config: { font: 'sans-serif', view: { stroke: null } } } as const;

export function clusterSizeChart(clusters: readonly ReportCluster[]): TopLevelSpec {
  return {
    ...base,
    title: 'Cluster size',
    data: { values: clusters.map((c) => ({ size: c.features.size })) },
    mark: { type: 'bar', color: '#4c78a8' },
    encoding: {
      x: { field: 'size', type: 'quantitative', bin: { maxbins: 20 }, title: 'accounts in the cluster', axis: { format: 'd' } },
      y: { aggregate: 'count', type: 'quantitative', title: 'clusters' },
    },
  };
}

export function clusterScoreChart(clusters: readonly ReportCluster[]): TopLevelSpec {
  return {
    ...base,
    title: 'Cluster score',
    data: { values: clusters.map((c) => ({ score: c.score })) },
    mark: { type: 'bar', color: '#e45756' },
    encoding: {
      x: { field: 'score', type: 'quantitative', bin: { maxbins: 20 }, title: 'score' },
      y: { aggregate: 'count', type: 'quantitative', title: 'clusters' },
    },
  };
}

/** Candidates and clusters per night, across the runs kept in the state folder. */
export function trendChart(history: readonly RunManifest[]): TopLevelSpec {
  const values = history
    .filter((m) => m.status === 'succeeded')
    .flatMap((m) => [
      { run: m.runId, startedAt: m.startedAt, what: 'candidates', n: m.counts.candidates ?? 0 },
      { run: m.runId, startedAt: m.startedAt, what: 'clusters', n: m.counts.clusters ?? 0 },
    ]);
  return {
    ...base,
    width: 560,
    title: 'Candidates and clusters per run',
    data: { values },
    mark: { type: 'line', point: true },
    encoding: {
      x: { field: 'run', type: 'ordinal', sort: { field: 'startedAt' }, title: 'run', axis: { labelAngle: -40 } },
      y: { field: 'n', type: 'quantitative', title: 'count' },
      color: { field: 'what', type: 'nominal', title: null, scale: { range: ['#e45756', '#4c78a8'] } },
    },
  };
}

/** Per-stage wall time: where the night's minutes went. */
export function stageTimeChart(manifest: RunManifest): TopLevelSpec {
  return {
    ...base,
    width: 400,
    height: { step: 16 },
    title: 'Wall time per stage (s)',
    data: { values: manifest.stages.map((s, i) => ({ stage: s.stage, order: i, seconds: s.ms / 1000 })) },
    mark: { type: 'bar', color: '#72b7b2' },
    encoding: {
      y: { field: 'stage', type: 'nominal', sort: { field: 'order' }, title: null },
      x: { field: 'seconds', type: 'quantitative', title: 'seconds' },
    },
  };
}
