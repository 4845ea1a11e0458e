import { compareCodeUnits } from '../order.js';
import type { HubRow } from '../run/run-files.js';
import type { Snapshot } from '../snapshot/snapshot.js';
import { accountsSharing, type IdentifierGraph } from './identifier-graph.js';

/**
 * A graph that outputs name things from: the whole night's (the local engine), or one bucket's
 * (the Spark engine), where an identifier's account count is the whole night's, carried with
 * the bucket, rather than the bucket graph's own.
 */
export interface GraphView {
  snapshot: Pick<Snapshot, 'accounts' | 'identifiers'>;
  graph: IdentifierGraph;
  hub: Uint8Array;
  /** accounts sharing an identifier in the whole night */
  accountsOf(identifier: number): number;
}

/** The whole night's graph as a view. */
export function wholeGraphView(snapshot: GraphView['snapshot'], graph: IdentifierGraph, hub: Uint8Array): GraphView {
  return { snapshot, graph, hub, accountsOf: (identifier) => accountsSharing(graph, identifier) };
}

/** An identifier as a cluster's detail names it. */
export interface IdentifierFact {
  kind: string;
  value: string;
  accounts: number;
  member_ids: string[];
}

/** What a cluster's detail (cluster_details.ndjson) says that only the graph knows. */
export interface ClusterGraphFacts {
  shared_identifiers: Array<{ kind: string; value: string; members: number; accounts: number; member_ids: string[] }>;
  known_fraud_members: string[];
  hubs: IdentifierFact[];
}

/** The graph's facts about one cluster: its shared identifiers (in the cluster's order), its known fraud and the hubs its members use. */
export function clusterGraphFacts(view: GraphView, members: Int32Array, shared: ReadonlyArray<{ identifier: number; members: number }>): ClusterGraphFacts {
  const { graph, hub } = view;
  const ids = view.snapshot.accounts.ids;
  const { kinds, kindOf, values } = view.snapshot.identifiers;
  const inCluster = new Set(members);
  return {
    shared_identifiers: shared.map((s) => ({
      kind: kinds[kindOf[s.identifier]!]!,
      value: values.at(s.identifier),
      members: s.members,
      accounts: view.accountsOf(s.identifier),
      member_ids: membersUsing(graph, s.identifier, inCluster, ids),
    })),
    known_fraud_members: [...members].filter((a) => view.snapshot.accounts.label[a] === 1).map((a) => ids[a]!),
    hubs: hubsUsedBy(graph, hub, members).map((h) => ({ kind: kinds[kindOf[h.identifier]!]!, value: values.at(h.identifier), accounts: view.accountsOf(h.identifier), member_ids: h.members.map((a) => ids[a]!) })),
  };
}

/** Every hub the view's accounts use, with the whole night's account count (unordered). */
export function hubFacts(view: GraphView): HubRow[] {
  const { kinds, kindOf, values } = view.snapshot.identifiers;
  const hubs: HubRow[] = [];
  for (let i = 0; i < view.graph.identifierCount; i++) {
    if (view.hub[i]) hubs.push({ kind: kinds[kindOf[i]!]!, value: values.at(i), accountCount: view.accountsOf(i) });
  }
  return hubs;
}

/** hubs.csv's order: most accounts first, then kind and value. */
export function compareHubs(x: HubRow, y: HubRow): number {
  return y.accountCount - x.accountCount || compareCodeUnits(`${x.kind}\u0000${x.value}`, `${y.kind}\u0000${y.value}`);
}

/** The cluster's members (account ids, in member order) that use an identifier. */
function membersUsing(graph: IdentifierGraph, identifier: number, inCluster: ReadonlySet<number>, ids: readonly string[]): string[] {
  const found: string[] = [];
  for (let q = graph.identifierOffsets[identifier]!; q < graph.identifierOffsets[identifier + 1]!; q++) {
    const a = graph.identifierAccounts[q]!;
    if (inCluster.has(a)) found.push(ids[a]!);
  }
  return found.sort(compareCodeUnits);
}

/** Hubs the cluster's members use, each with the members using it: named in pictures, never a link. */
function hubsUsedBy(graph: IdentifierGraph, hub: Uint8Array, members: Int32Array): Array<{ identifier: number; members: number[] }> {
  const byHub = new Map<number, number[]>();
  for (const a of members) {
    for (let p = graph.accountOffsets[a]!; p < graph.accountOffsets[a + 1]!; p++) {
      const identifier = graph.accountIdentifiers[p]!;
      if (!hub[identifier]) continue;
      const users = byHub.get(identifier) ?? [];
      users.push(a);
      byHub.set(identifier, users);
    }
  }
  return [...byHub].sort((x, y) => x[0] - y[0]).map(([identifier, users]) => ({ identifier, members: users }));
}

/** What the run folder's files name from the graph, however the night held it. */
export interface GraphFacts {
  /** a cluster of the night's detection (members as the night's account indices) */
  cluster(cluster: { clusterId: string; members: Int32Array; shared: ReadonlyArray<{ identifier: number; members: number }> }): ClusterGraphFacts;
  /** every hub of the night, in hubs.csv's order */
  hubs(): HubRow[];
}

/** The facts of a graph held in buckets: each cluster's as its bucket sent them, every bucket's hubs once. */
export function bucketGraphFacts(clusters: ReadonlyMap<string, ClusterGraphFacts>, hubs: readonly HubRow[]): GraphFacts {
  const once = new Map(hubs.map((h) => [`${h.kind}\u0000${h.value}`, h]));
  return {
    cluster: (c) => {
      const facts = clusters.get(c.clusterId);
      if (!facts) throw new Error(`no bucket sent the facts of cluster ${c.clusterId}`);
      return facts;
    },
    hubs: () => [...once.values()].sort(compareHubs),
  };
}

/** The facts of a graph held whole. */
export function wholeGraphFacts(view: GraphView): GraphFacts {
  return { cluster: (c) => clusterGraphFacts(view, c.members, c.shared), hubs: () => hubFacts(view).sort(compareHubs) };
}
