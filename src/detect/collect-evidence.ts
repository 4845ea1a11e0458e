import { createHash } from 'node:crypto';
import { accountsSharing } from '../graph/identifier-graph.js';
import { compareCodeUnits } from '../order.js';
import type { DetectionInput } from './cluster-analysis.js';
import type { Detection } from './detection.js';
import type { BlacklistPath, CandidateEvidence, HubEvidence, MaterialEvidence, SharedIdentifierEvidence } from './evidence.js';

export interface EvidenceOptions {
  /** how many shared identifiers a path to a blacklisted account may cross */
  maxPathHops: number;
  /** how many shortest paths to keep per candidate */
  maxPaths: number;
}

/**
 * Stage: the evidence bundle of every candidate — what it shares and with how many, the hubs it
 * uses (named, not counted), the shortest identifier paths to blacklisted accounts, and its
 * transaction signals. Cluster ids must already be the final (lineage) ids.
 */
export function collectEvidence(input: DetectionInput, detection: Pick<Detection, 'clusters' | 'candidates' | 'model' | 'calibration'>, options: EvidenceOptions): CandidateEvidence[] {
  const { snapshot, graph, weights } = input;
  const { ids } = snapshot.accounts;
  const { kinds, kindOf, values } = snapshot.identifiers;
  const keyOf = (identifier: number) => `${kinds[kindOf[identifier]!]}:${values.at(identifier)}`;
  const clusters = new Map(detection.clusters.map((c) => [c.clusterId, c]));
  const inCluster = new Uint8Array(graph.accountCount);
  const paths = new ShortestPaths(input, options.maxPathHops);

  const evidence: CandidateEvidence[] = [];
  for (const candidate of detection.candidates) {
    const cluster = clusters.get(candidate.clusterId)!;
    for (const a of cluster.members) inCluster[a] = 1;
    const a = candidate.account;
    const shared: SharedIdentifierEvidence[] = [];
    const hubs: HubEvidence[] = [];
    for (let p = graph.accountOffsets[a]!; p < graph.accountOffsets[a + 1]!; p++) {
      const identifier = graph.accountIdentifiers[p]!;
      const accounts = input.night ? input.night.accounts[identifier]! : accountsSharing(graph, identifier);
      const kind = kinds[kindOf[identifier]!]!;
      if (weights.hub[identifier]) {
        hubs.push({ kind, value: values.at(identifier), accounts });
        continue;
      }
      if (accounts < 2) continue;
      let clusterMembers = 0;
      for (let q = graph.identifierOffsets[identifier]!; q < graph.identifierOffsets[identifier + 1]!; q++) clusterMembers += inCluster[graph.identifierAccounts[q]!]!;
      shared.push({ kind, value: values.at(identifier), accounts, clusterMembers });
    }
    for (const m of cluster.members) inCluster[m] = 0;

    const found = paths.from(a);
    const material: MaterialEvidence = {
      sharedIdentifiers: shared.map((s) => `${s.kind}:${s.value}`).sort(compareCodeUnits),
      blacklistedLinks: found.map((f) => ids[f.target]!).sort(compareCodeUnits),
    };
    evidence.push({
      accountId: ids[a]!,
      clusterId: candidate.clusterId,
      evidenceVersion: createHash('sha256').update(JSON.stringify(material)).digest('hex').slice(0, 16),
      material,
      score: candidate.score,
      clusterScore: cluster.score,
      clusterSummary: cluster.summary,
      clusterContributions: cluster.contributions,
      memberContributions: candidate.contributions,
      model: { source: detection.model.source, fraudLabels: detection.model.fraudLabels, intercept: detection.model.intercept, calibration: detection.calibration.description },
      sharedIdentifiers: shared.sort((x, y) => y.clusterMembers - x.clusterMembers || compareCodeUnits(`${x.kind}:${x.value}`, `${y.kind}:${y.value}`)),
      hubs: hubs.sort((x, y) => y.accounts - x.accounts || compareCodeUnits(`${x.kind}:${x.value}`, `${y.kind}:${y.value}`)),
      pathsToBlacklisted: found.slice(0, options.maxPaths).map((f): BlacklistPath => ({
        blacklistedAccountId: ids[f.target]!,
        path: f.steps.map((step, i) => (i % 2 === 0 ? ids[step]! : keyOf(step))),
      })),
      transactions: {
        transactions: countSent(input, a),
        chargebacks: candidate.features.chargebacks,
        transfersWithMembers: candidate.features.memberTransfers,
      },
    });
  }
  return evidence.sort((x, y) => compareCodeUnits(x.accountId, y.accountId));
}

function countSent(input: DetectionInput, account: number): number {
  return input.transactions.sentOffsets[account + 1]! - input.transactions.sentOffsets[account]!;
}

interface PathFound {
  target: number;
  /** account, identifier, account, … , target account */
  steps: number[];
}

/**
 * Breadth-first search over accounts through shared (non-hub) identifiers, up to maxHops
 * identifiers deep, collecting every blacklisted account reached, nearest first.
 */
class ShortestPaths {
  private readonly seen: Int32Array;
  private stamp = 0;

  constructor(
    private readonly input: DetectionInput,
    private readonly maxHops: number,
  ) {
    this.seen = new Int32Array(input.graph.accountCount);
  }

  from(start: number): PathFound[] {
    const { graph, weights, snapshot } = this.input;
    const label = snapshot.accounts.label;
    const stamp = ++this.stamp;
    this.seen[start] = stamp;
    const parent = new Map<number, [number, number]>(); // account → [previous account, via identifier]
    let frontier = [start];
    const found: PathFound[] = [];
    for (let hop = 0; hop < this.maxHops && frontier.length > 0; hop++) {
      const next: number[] = [];
      for (const a of frontier) {
        for (let p = graph.accountOffsets[a]!; p < graph.accountOffsets[a + 1]!; p++) {
          const identifier = graph.accountIdentifiers[p]!;
          if (weights.link[identifier] === 0) continue;
          for (let q = graph.identifierOffsets[identifier]!; q < graph.identifierOffsets[identifier + 1]!; q++) {
            const b = graph.identifierAccounts[q]!;
            if (this.seen[b] === stamp) continue;
            this.seen[b] = stamp;
            parent.set(b, [a, identifier]);
            if (label[b] === 1) found.push({ target: b, steps: walkBack(parent, start, b) });
            else next.push(b);
          }
        }
      }
      frontier = next;
    }
    return found;
  }
}

function walkBack(parent: Map<number, [number, number]>, start: number, target: number): number[] {
  const steps = [target];
  let at = target;
  while (at !== start) {
    const [previous, via] = parent.get(at)!;
    steps.push(via, previous);
    at = previous;
  }
  return steps.reverse();
}
