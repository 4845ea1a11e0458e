import type * as vega from 'vega';
import type { ReportCluster } from './run-files.js';

/** How much of a cluster one small picture holds; the rest is named in the text beside it. */
export const PICTURE_LIMITS = { identifiers: 40, hubs: 8 } as const;

export interface PictureNode {
  id: string;
  label: string;
  /** account, a shared identifier, or a hub (greyed out: never a link) */
  type: 'account' | 'identifier' | 'hub';
  kind: string;
  knownFraud: boolean;
}

export interface PictureGraph {
  nodes: PictureNode[];
  links: Array<{ source: string; target: string; hub: boolean }>;
}

/** The cluster as a small graph: its accounts, the identifiers they share, and the hubs they use. */
export function pictureGraph(cluster: ReportCluster, memberIds: readonly string[]): PictureGraph {
  const fraud = new Set(cluster.known_fraud_members);
  const accounts = new Set(memberIds);
  for (const s of cluster.shared_identifiers) for (const a of s.member_ids) accounts.add(a);
  const nodes: PictureNode[] = [...accounts].sort().map((a) => ({ id: `a:${a}`, label: a, type: 'account', kind: 'account', knownFraud: fraud.has(a) }));
  const links: PictureGraph['links'] = [];
  const add = (use: ReportCluster['hubs'][number], type: 'identifier' | 'hub') => {
    const id = `${type === 'hub' ? 'h' : 'i'}:${use.kind}:${use.value}`;
    nodes.push({ id, label: use.kind, type, kind: use.kind, knownFraud: false });
    for (const a of use.member_ids) if (accounts.has(a)) links.push({ source: `a:${a}`, target: id, hub: type === 'hub' });
  };
  for (const s of cluster.shared_identifiers.slice(0, PICTURE_LIMITS.identifiers)) add(s, 'identifier');
  for (const h of cluster.hubs.slice(0, PICTURE_LIMITS.hubs)) add(h, 'hub');
  return { nodes, links };
}

const KIND_COLOURS = { domain: ['device', 'payment_instrument', 'phone', 'email', 'address', 'ip'], range: ['#f58518', '#54a24b', '#b279a2', '#9d755d', '#eeca3b', '#72b7b2'] };

/**
 * A Vega spec drawing the graph with a force layout (static: computed once, at render time), then
 * scaled to fill the picture whatever shape the layout took.
 */
export function clusterPictureSpec(graph: PictureGraph, { width = 360, height = 260 } = {}): vega.Spec {
  const margin = 14;
  return {
    $schema: 'https://vega.github.io/schema/vega/v6.json',
    width,
    height,
    autosize: 'none',
    padding: 4,
    config: { text: { font: 'sans-serif' } },
    data: [
      // the layout's copy of the links (the force replaces their ends by node objects)
      { name: 'edges', values: graph.links.map((l) => ({ ...l })) },
      {
        name: 'nodes',
        values: graph.nodes,
        transform: [
          {
            type: 'force',
            static: true,
            iterations: 300,
            forces: [
              { force: 'center', x: 0, y: 0 },
              { force: 'collide', radius: 10 },
              // a bounded repulsion, so an account linked only beyond the picture's limits stays near
              { force: 'nbody', strength: -60, distanceMax: 160 },
              { force: 'link', links: 'edges', id: 'id', distance: 36 },
            ],
          },
        ],
      },
      // the drawing's links: both ends looked up among the laid-out nodes
      { name: 'links', values: graph.links, transform: [{ type: 'lookup', from: 'nodes', key: 'id', fields: ['source', 'target'], as: ['s', 't'] }] },
    ],
    scales: [
      { name: 'x', type: 'linear', domain: { data: 'nodes', field: 'x' }, range: [margin, width - margin * 4], zero: false, nice: false },
      { name: 'y', type: 'linear', domain: { data: 'nodes', field: 'y' }, range: [height - margin, margin], zero: false, nice: false },
      { name: 'kind', type: 'ordinal', domain: KIND_COLOURS.domain, range: KIND_COLOURS.range },
    ],
    marks: [
      {
        type: 'rule',
        from: { data: 'links' },
        interactive: false,
        encode: {
          enter: {
            x: { scale: 'x', field: 's.x' },
            y: { scale: 'y', field: 's.y' },
            x2: { scale: 'x', field: 't.x' },
            y2: { scale: 'y', field: 't.y' },
            stroke: { signal: "datum.hub ? '#c8c8c8' : '#8a8a8a'" },
            strokeDash: { signal: 'datum.hub ? [3, 3] : [1, 0]' },
            strokeWidth: { value: 1 },
          },
        },
      },
      {
        name: 'node',
        type: 'symbol',
        from: { data: 'nodes' },
        encode: {
          enter: {
            x: { scale: 'x', field: 'x' },
            y: { scale: 'y', field: 'y' },
            shape: { signal: "datum.type === 'account' ? 'circle' : 'square'" },
            size: { signal: "datum.type === 'account' ? 160 : 80" },
            fill: { signal: "datum.type === 'hub' ? '#d0d0d0' : datum.type === 'account' ? (datum.knownFraud ? '#d62728' : '#4c78a8') : scale('kind', datum.kind)" },
            stroke: { signal: "datum.knownFraud ? '#5a0000' : '#ffffff'" },
            strokeWidth: { signal: 'datum.knownFraud ? 2 : 1' },
            tooltip: { signal: 'datum.label' },
          },
        },
      },
      {
        type: 'text',
        from: { data: 'nodes' },
        interactive: false,
        encode: {
          enter: {
            x: { scale: 'x', field: 'x', offset: 8 },
            y: { scale: 'y', field: 'y', offset: 3 },
            text: { signal: "datum.type === 'account' ? datum.label : ''" },
            fontSize: { value: 8 },
            fill: { value: '#333333' },
          },
        },
      },
    ],
  };
}
