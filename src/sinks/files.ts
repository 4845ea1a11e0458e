import { join } from 'node:path';
import { compareCodeUnits } from '../order.js';
import { accountsSharing } from '../graph/identifier-graph.js';
import { lineageCsv } from '../lineage/lineage-file.js';
import { writeFileAtomic } from '../io/atomic-write.js';
import { csvText } from '../io/csv-text.js';
import type { RunInfo, RunOutput, Sink, SinkReport } from './sink.js';

/**
 * The run folder: the contract schedulers archive and analysts diff. Each file is written
 * atomically; the manifest (written by the pipeline) comes last and marks the folder complete.
 */
export class FilesSink implements Sink {
  readonly name = 'files';
  constructor(private readonly dir: string) {}

  async open(_run: RunInfo): Promise<void> {}

  async write(output: RunOutput): Promise<SinkReport> {
    const { detection, snapshot, graph, weights, lineage, firstSeen, evidence } = output;
    const ids = snapshot.accounts.ids;
    const { kinds, kindOf, values } = snapshot.identifiers;

    const clusters = detection.clusters.map((c) => [c.clusterId, c.score, c.members.length, c.contributions.map((x) => x.code).join(';'), c.summary]);
    const members: string[][] = [];
    for (const c of detection.clusters) for (const a of c.members) members.push([c.clusterId, ids[a]!]);
    const candidates = detection.candidates.map((c) => [ids[c.account]!, c.clusterId, c.score, c.reasons.join(';')]);
    const hubs: (string | number)[][] = [];
    for (let i = 0; i < graph.identifierCount; i++) {
      if (weights.hub[i]) hubs.push([kinds[kindOf[i]!]!, values[i]!, accountsSharing(graph, i)]);
    }
    hubs.sort((x, y) => (y[2] as number) - (x[2] as number) || compareCodeUnits(`${x[0]}\u0000${x[1]}`, `${y[0]}\u0000${y[1]}`));

    const details = detection.clusters.map((c) =>
      JSON.stringify({
        cluster_id: c.clusterId,
        score: c.score,
        summary: c.summary,
        first_seen_run: firstSeen.get(c.clusterId) ?? output.run.runId,
        features: c.features,
        contributions: c.contributions,
        shared_identifiers: c.shared.map((s) => ({ kind: kinds[kindOf[s.identifier]!], value: values[s.identifier], members: s.members, accounts: accountsSharing(graph, s.identifier) })),
      }),
    );

    await Promise.all([
      writeFileAtomic(join(this.dir, 'clusters.csv'), csvText(['cluster_id', 'score', 'size', 'reasons', 'summary'], clusters)),
      writeFileAtomic(join(this.dir, 'members.csv'), csvText(['cluster_id', 'account_id'], members)),
      writeFileAtomic(join(this.dir, 'candidates.csv'), csvText(['account_id', 'cluster_id', 'score', 'reasons'], candidates)),
      writeFileAtomic(join(this.dir, 'hubs.csv'), csvText(['kind', 'value', 'account_count'], hubs)),
      writeFileAtomic(join(this.dir, 'clusters.ndjson'), details.length > 0 ? `${details.join('\n')}\n` : ''),
      writeFileAtomic(join(this.dir, 'lineage.csv'), lineageCsv(lineage)),
      writeFileAtomic(join(this.dir, 'evidence.ndjson'), evidence.map((e) => `${JSON.stringify(e)}\n`).join('')),
    ]);
    return { sink: this.name, written: { evidence: evidence.length, lineage: lineage.length, clusters: clusters.length, members: members.length, candidates: candidates.length, hubs: hubs.length } };
  }

  async finish(): Promise<void> {}
  async close(): Promise<void> {}
}
