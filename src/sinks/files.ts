import { writeCandidates, writeClusterDetails, writeClusters, writeEvidence, writeHubs, writeLineage, writeMembers, type MemberRow } from '../run/run-files.js';
import type { RunInfo, RunResult, Sink, SinkReport } from './sink.js';

/**
 * The run folder: the contract schedulers archive and analysts diff. Each file is written
 * atomically; the manifest (written by the pipeline) comes last and marks the folder complete.
 */
export class FilesSink implements Sink {
  readonly name = 'files';
  readonly readsLinkTimes = false;
  constructor(private readonly dir: string) {}

  async open(_run: RunInfo): Promise<void> {}

  async write(output: RunResult): Promise<SinkReport> {
    const { detection, accountIds: ids, facts, lineage, firstSeen, evidence } = output;

    const clusters = detection.clusters.map((c) => ({ clusterId: c.clusterId, score: c.score, size: c.members.length, reasons: c.contributions.map((x) => x.code), summary: c.summary }));
    const members: MemberRow[] = [];
    for (const c of detection.clusters) for (const a of c.members) members.push({ clusterId: c.clusterId, accountId: ids[a]! });
    const candidates = detection.candidates.map((c) => ({ accountId: ids[c.account]!, clusterId: c.clusterId, score: c.score, reasons: c.reasons }));
    const hubs = facts.hubs();

    const detail = (c: (typeof detection.clusters)[number]) => ({
      cluster_id: c.clusterId,
      score: c.score,
      summary: c.summary,
      first_seen_run: firstSeen.get(c.clusterId) ?? output.run.runId,
      features: c.features,
      contributions: c.contributions,
      ...facts.cluster(c),
    });
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
