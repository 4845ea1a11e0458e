import neo4j, { type Integer } from 'neo4j-driver';
import type { RunOutput } from '../sink.js';
import { accountsSharing } from '../../graph/identifier-graph.js';
import { kindLabel } from './kind-label.js';
import { FIELD, ITEM, rowHash } from './row-hash.js';
import type { Selection } from './scope.js';

/**
 * Parameter rows for the sink's UNWIND statements, built lazily so the full graph of a large
 * snapshot never sits in memory as objects at once. Integers go as Neo4j integers (a JS number
 * would arrive as a float); timestamps go as epoch milliseconds and become DateTime in Cypher;
 * unknown values are null, which removes the property on update.
 */

/**
 * The three big statements (accounts, identifiers, USES: millions of rows at scale) take their
 * rows as lists rather than maps: a list does not repeat the field names in every row, which the
 * driver packs and the server unpacks for each row. The Cypher files name each position.
 */
export type AccountRow = [
  accountId: string,
  createdAt: Integer | null,
  label: 'fraud' | 'legit' | null,
  /** extra account columns; empty values are null */
  props: Record<string, string | null>,
  /** the account's USES relationships to the identifiers written */
  uses: UseRow[],
  /** rowHash of all the above and of every identifier key tonight's snapshot links the account to (row-hash.ts) */
  hash: string,
];

/** One USES relationship of an account: the identifier's key, first and last seen. */
export type UseRow = [key: string, firstSeen: Integer | null, lastSeen: Integer | null];

export type IdentifierRow = [
  key: string,
  kind: string,
  value: string,
  /** the kind's label, plus Hub for hubs */
  labels: string[],
  hub: boolean,
  accountCount: Integer,
  /** rowHash of all the above (row-hash.ts) */
  hash: string,
];

export interface ClusterRow {
  key: string;
  clusterId: string;
  /** calibrated risk, 0–1 */
  score: number;
  size: Integer;
  reasons: string[];
  summary: string;
  /** the scoring rules' contributions, as JSON: code, feature, value, points, description */
  contributions: string;
  /** cluster features (counts as integers, rates and shares as floats), stored as properties */
  features: Record<string, Integer | number>;
  /** null when none: Neo4j's bulk import cannot store an empty list, so neither path does */
  sharedIdentifierKeys: string[] | null;
  /** the run this cluster (by its stable id) was first seen in */
  firstSeenRunId: string;
  /** what happened to it since the previous run: new, continued, grown, shrunk, merged, split */
  lineageEvent: string | null;
  /** null when none (see sharedIdentifierKeys) */
  previousClusterIds: string[] | null;
}

export interface MemberRow {
  key: string;
  accountId: string;
}

export interface CandidateRow {
  accountId: string;
  clusterId: string;
  clusterKey: string;
  /** calibrated risk, 0–1 */
  score: number;
  memberPoints: number;
  reasons: string[];
  /** version of the facts behind the candidate; a reviewer's decision is tied to it */
  evidenceVersion: string | null;
}

/** Properties an extra account column may not overwrite. */
const accountOwnProperties = new Set(['accountId', 'createdAt', 'label', 'rowHash']);

/** The identifier's unique key: kind and normalised value. */
export function identifierKey(kind: string, value: string): string {
  return `${kind}:${value}`;
}

/** A cluster version: the same cluster id found by another run is another node. */
export function clusterKey(clusterId: string, runId: string): string {
  return `${clusterId}@${runId}`;
}

/**
 * Accounts, each with its USES relationships to the selected identifiers: the relationships are
 * written with their start node, in the same statement (see accountBatching).
 */
export function* accountRows(output: Pick<RunOutput, 'snapshot' | 'graph'>, selection: Selection): Generator<AccountRow> {
  const { ids, createdAt, label, properties } = output.snapshot.accounts;
  const { graph } = output;
  const { kinds, kindOf, values } = output.snapshot.identifiers;
  const columns = [...properties.entries()].filter(([name]) => !accountOwnProperties.has(name));
  for (let a = 0; a < ids.length; a++) {
    if (!selection.accounts[a]) continue;
    const props: Record<string, string | null> = {};
    for (const [name, values] of columns) props[name] = values[a] ? values[a]! : null;
    const uses: UseRow[] = [];
    // every key the account links to (drop-unseen-uses keeps exactly those), selected or not
    const keys: string[] = [];
    for (let k = graph.accountOffsets[a]!; k < graph.accountOffsets[a + 1]!; k++) {
      const i = graph.accountIdentifiers[k]!;
      const key = identifierKey(kinds[kindOf[i]!]!, values.at(i));
      keys.push(key);
      if (!selection.identifiers[i]) continue;
      uses.push([key, epochMs(graph.firstSeen[k]!), epochMs(graph.lastSeen[k]!)]);
    }
    const row: [string, Integer | null, AccountRow[2], Record<string, string | null>, UseRow[]] = [ids[a]!, epochMs(createdAt[a]!), label[a] === 1 ? 'fraud' : label[a] === -1 ? 'legit' : null, props, uses];
    let uses_ = '';
    for (const [key, first, last] of uses) uses_ += `${key}${ITEM}${first?.toString() ?? ''}${ITEM}${last?.toString() ?? ''}${ITEM}`;
    yield [...row, rowHash([row[0], row[1]?.toString() ?? '', row[2] ?? '', JSON.stringify(props), uses_, keys.join(ITEM)].join(FIELD))];
  }
}

/**
 * How account batches are sent. A batch writes its accounts and their USES in one transaction:
 * the account is in hand (no index lookup to find it again), and a first write's CREATE of a
 * relationship is guarded by the CREATE of its account (a batch retried after a commit that did
 * happen fails on the account's uniqueness constraint instead of doubling relationships).
 *
 * `$rows` are the accounts; `$uses` are all the batch's USES as [account's position in $rows,
 * key, firstSeen, lastSeen], sorted by identifier key. Creating a relationship locks both its
 * nodes: no two batches share an account, and the identifiers they do share (an IP, an address)
 * are locked in one global order, so batches in flight wait for each other instead of
 * deadlocking. A batch is about batchSize graph rows (accounts plus USES).
 */
export const accountBatching = {
  weightOf: (row: AccountRow): number => 1 + row[4].length,
  params: (batch: AccountRow[]): { rows: AccountRow[0 | 1 | 2 | 3 | 5][][]; uses: [Integer, ...UseRow][] } => {
    const uses: [Integer, ...UseRow][] = [];
    const rows = batch.map((row, n) => {
      const at = neo4j.int(n);
      for (const use of row[4]) uses.push([at, ...use]);
      return [row[0], row[1], row[2], row[3], row[5]];
    });
    uses.sort((a, b) => (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
    return { rows, uses };
  },
};

export function* identifierRows(output: Pick<RunOutput, 'snapshot' | 'graph' | 'weights'>, selection: Selection): Generator<IdentifierRow> {
  const { kinds, kindOf, values } = output.snapshot.identifiers;
  const labels = kinds.map((kind) => [kindLabel(kind)]);
  const hubLabels = labels.map(([label]) => [label!, 'Hub']);
  for (let i = 0; i < values.length; i++) {
    if (!selection.identifiers[i]) continue;
    const kind = kinds[kindOf[i]!]!;
    const hub = output.weights.hub[i] === 1;
    const value = values.at(i);
    const row: [string, string, string, string[], boolean, Integer] = [identifierKey(kind, value), kind, value, (hub ? hubLabels : labels)[kindOf[i]!]!, hub, neo4j.int(accountsSharing(output.graph, i))];
    yield [...row, rowHash([row[0], kind, value, row[3].join(ITEM), hub, row[5].toString()].join(FIELD))];
  }
}

/** Number of USES relationships accountRows will yield, without building them. */
export function countUses(output: Pick<RunOutput, 'graph'>, selection: Selection): number {
  const { graph } = output;
  let n = 0;
  for (let a = 0; a < graph.accountCount; a++) {
    if (!selection.accounts[a]) continue;
    for (let k = graph.accountOffsets[a]!; k < graph.accountOffsets[a + 1]!; k++) if (selection.identifiers[graph.accountIdentifiers[k]!]) n++;
  }
  return n;
}

export function clusterRows(output: Pick<RunOutput, 'run' | 'snapshot' | 'detection' | 'lineage' | 'firstSeen'>): ClusterRow[] {
  const { kinds, kindOf, values } = output.snapshot.identifiers;
  const lineage = new Map(output.lineage.filter((l) => l.event !== 'dissolved').map((l) => [l.clusterId, l]));
  return output.detection.clusters.map((c) => ({
    key: clusterKey(c.clusterId, output.run.runId),
    clusterId: c.clusterId,
    score: c.score,
    size: neo4j.int(c.members.length),
    reasons: c.contributions.map((x) => x.code),
    summary: c.summary,
    contributions: JSON.stringify(c.contributions),
    features: featureProperties(c.features as unknown as Record<string, number>),
    sharedIdentifierKeys: listOrNull(c.shared.map((s) => identifierKey(kinds[kindOf[s.identifier]!]!, values.at(s.identifier)))),
    firstSeenRunId: output.firstSeen.get(c.clusterId) ?? output.run.runId,
    lineageEvent: lineage.get(c.clusterId)?.event ?? null,
    previousClusterIds: listOrNull(lineage.get(c.clusterId)?.previousClusterIds ?? []),
  }));
}

export function* memberRows(output: Pick<RunOutput, 'run' | 'snapshot' | 'detection'>): Generator<MemberRow> {
  const ids = output.snapshot.accounts.ids;
  for (const c of output.detection.clusters) {
    const key = clusterKey(c.clusterId, output.run.runId);
    for (const a of c.members) yield { key, accountId: ids[a]! };
  }
}

export function candidateRows(output: Pick<RunOutput, 'run' | 'snapshot' | 'detection' | 'evidence'>): CandidateRow[] {
  const ids = output.snapshot.accounts.ids;
  const versions = new Map(output.evidence.map((e) => [e.accountId, e.evidenceVersion]));
  return output.detection.candidates.map((c) => ({
    accountId: ids[c.account]!,
    clusterId: c.clusterId,
    clusterKey: clusterKey(c.clusterId, output.run.runId),
    score: c.score,
    memberPoints: c.memberPoints,
    reasons: c.reasons,
    evidenceVersion: versions.get(ids[c.account]!) ?? null,
  }));
}

/**
 * Counts are stored as integers, rates and shares (`…Rate`, `…Share`) as floats, so one property
 * keeps one type across runs even when a rate happens to be 0 or 1.
 */
export function featureProperties(features: Record<string, number>): Record<string, Integer | number> {
  const out: Record<string, Integer | number> = {};
  for (const [name, value] of Object.entries(features)) {
    out[name] = Number.isInteger(value) && !/(Rate|Share)$/.test(name) ? neo4j.int(value) : value;
  }
  return out;
}

/** An empty list is stored as no property: Neo4j's bulk import reads an empty array field as null. */
function listOrNull(list: string[]): string[] | null {
  return list.length > 0 ? list : null;
}

function epochMs(ms: number): Integer | null {
  return Number.isFinite(ms) ? neo4j.int(Math.round(ms)) : null;
}
