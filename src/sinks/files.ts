import { compareCodeUnits } from '../order.js';
import { accountsSharing } from '../graph/identifier-graph.js';
import { writeCandidates, writeClusterDetails, writeClusters, writeEvidence, writeHubs, writeLineage, writeMembers, type HubRow, type MemberRow } from '../run/run-files.js';
import type { IdentifierGraph } from '../graph/identifier-graph.js';
import type { RunInfo, RunOutput, Sink, SinkReport } from './sink.js';

/**
 * The run folder: the contract schedulers archive and analysts diff. Each file is written
 * atomically; the manifest (written by the pipeline) comes last and marks the folder complete.
 */
export class FilesSink implements Sink {
  readonly name = 'files';
  readonly readsLinkTimes = false;
  constructor(private readonly dir: string) {}

  async open(_run: RunInfo): Promise<void> {}

  async write(output: RunOutput): Promise<SinkReport> {
    const { detection, snapshot, graph, weights, lineage, firstSeen, evidence } = output;
    const ids = snapshot.accounts.ids;
    const { kinds, kindOf, values } = snapshot.identifiers;

    const clusters = detection.clusters.map((c) => ({ clusterId: c.clusterId, score: c.score, size: c.members.length, reasons: c.contributions.map((x) => x.code), summary: c.summary }));
    const members: MemberRow[] = [];
    for (const c of detection.clusters) for (const a of c.members) members.push({ clusterId: c.clusterId, accountId: ids[a]! });
    const candidates = detection.candidates.map((c) => ({ accountId: ids[c.account]!, clusterId: c.clusterId, score: c.score, reasons: c.reasons }));
    const hubs: HubRow[] = [];
    for (let i = 0; i < graph.identifierCount; i++) {
      if (weights.hub[i]) hubs.push({ kind: kinds[kindOf[i]!]!, value: values.at(i), accountCount: accountsSharing(graph, i) });
    }
    hubs.sort((x, y) => y.accountCount - x.accountCount || compareCodeUnits(`${x.kind}\u0000${x.value}`, `${y.kind}\u0000${y.value}`));

    const detail = (c: (typeof detection.clusters)[number]) => {
      const inCluster = new Set(c.members);
      return {
        cluster_id: c.clusterId,
        score: c.score,
        summary: c.summary,
        first_seen_run: firstSeen.get(c.clusterId) ?? output.run.runId,
        features: c.features,
        contributions: c.contributions,
        shared_identifiers: c.shared.map((s) => ({
          kind: kinds[kindOf[s.identifier]!],
          value: values.at(s.identifier),
          members: s.members,
          accounts: accountsSharing(graph, s.identifier),
          member_ids: membersUsing(graph, s.identifier, inCluster, ids),
        })),
        known_fraud_members: [...c.members].filter((a) => snapshot.accounts.label[a] === 1).map((a) => ids[a]!),
        hubs: hubsUsedBy(graph, weights.hub, c.members).map((h) => ({ kind: kinds[kindOf[h.identifier]!], value: values.at(h.identifier), accounts: accountsSharing(graph, h.identifier), member_ids: h.members.map((a) => ids[a]!) })),
      };
    };
    // made one at a time as the file is written: 50k nested objects at 10M accounts need not all live at once
    const details = (function* () {
      for (const c of detection.clusters) yield detail(c);
    })();

    await Promise.all([
      writeClusters(this.dir, clusters),
      writeMembers(this.dir, members),
      writeCandidates(this.dir, candidates),
      writeHubs(this.dir, hubs),
      writeClusterDetails(this.dir, details),
      writeLineage(this.dir, lineage),
      writeEvidence(this.dir, evidence),
    ]);
    return { sink: this.name, written: { evidence: evidence.length, lineage: lineage.length, clusters: clusters.length, members: members.length, candidates: candidates.length, hubs: hubs.length } };
  }

  async finish(): Promise<void> {}
  async close(): Promise<void> {}
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
