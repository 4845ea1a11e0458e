import { join } from 'node:path';
import type { Integer } from 'neo4j-driver';
import neo4j from 'neo4j-driver';
import type { RunInfo, RunOutput } from '../sink.js';
import { accountRows, candidateRows, clusterKey, clusterRows, identifierRows, memberRows, type CandidateRow } from '../neo4j/graph-rows.js';
import { selectScope } from '../neo4j/scope.js';
import { CsvFile, type Field } from './csv-file.js';
import type { ImportPlan } from './import-plan.js';

/**
 * The graph the Bolt sink writes for scope `full`, as neo4j-admin import files: the same labels,
 * keys, properties (and property types) and relationships, the run's result already current.
 * Rows come from the same generators as the Bolt statements (graph-rows.ts), so the two paths
 * cannot drift apart in what they write, only in how.
 */

/** Properties the import takes as typed columns: integers as long, other numbers as double. */
type Typed = Integer | number | string | boolean | null | readonly string[];

const CLUSTER_OWN = new Set(['key', 'clusterId', 'runId', 'score', 'size', 'reasons', 'summary', 'contributions', 'sharedIdentifierKeys', 'firstSeenRunId', 'lineageEvent', 'previousClusterIds', 'foundAt']);

/** Counts of graph rows written, by what (the same names as the Bolt sink's). */
export type Written = Record<string, number>;

/** Accounts, identifiers, USES, this run's cluster versions, their members and FOUND. */
export async function writeGraphFiles(dir: string, output: RunOutput, plan: ImportPlan): Promise<Written> {
  const selection = selectScope(output, 'full');
  const written: Written = {};
  const runId = output.run.runId;

  const identifiers = new CsvFile(join(dir, 'identifiers.csv'), ['key:ID(Identifier)', 'kind', 'value', 'hub:boolean', 'accountCount:long', 'rowHash', ':LABEL']);
  for (const [key, kind, value, labels, hub, accountCount, hash] of identifierRows(output, selection)) {
    await identifiers.write([key, kind, value, hub, accountCount.toNumber(), hash, ['Identifier', ...labels]]);
  }
  written.identifiers = await finished(identifiers, plan);
  plan.nodes.push({ labels: [], files: ['identifiers.csv'] });

  const columns = [...output.snapshot.accounts.properties.keys()].filter((c) => !['accountId', 'createdAt', 'label', 'rowHash'].includes(c));
  for (const c of columns) if (c.includes(':')) throw new Error(`account column ${JSON.stringify(c)} holds ':', which the import header cannot name`);
  const accounts = new CsvFile(join(dir, 'accounts.csv'), ['accountId:ID(Account)', 'createdAt:datetime', 'label', 'rowHash', ...columns]);
  const uses = new CsvFile(join(dir, 'uses.csv'), [':START_ID(Account)', ':END_ID(Identifier)', 'firstSeen:datetime', 'lastSeen:datetime']);
  for (const [accountId, createdAt, label, props, accountUses, hash] of accountRows(output, selection)) {
    const fields: Field[] = [accountId, dateTime(createdAt), label, hash];
    for (const c of columns) fields.push(props[c] ?? null);
    await accounts.write(fields);
    for (const [key, firstSeen, lastSeen] of accountUses) await uses.write([accountId, key, dateTime(firstSeen), dateTime(lastSeen)]);
  }
  written.accounts = await finished(accounts, plan);
  written.uses = await finished(uses, plan);
  plan.nodes.push({ labels: ['Account'], files: ['accounts.csv'] });
  plan.relationships.push({ type: 'USES', files: ['uses.csv'] });

  // one file per set of feature types: a column has one type, and a count that is a whole number
  // in one cluster may not be in another (featureProperties decides per value, as Bolt stores it)
  const clusterFiles = new Map<string, CsvFile>();
  const found = new CsvFile(join(dir, 'found.csv'), [':START_ID(PipelineRun)', ':END_ID(FraudCluster)']);
  const foundAt = new Date(output.run.startedAt).toISOString();
  for (const row of clusterRows(output)) {
    // clusters.cypher sets the features first and its own properties after: those win
    const features = Object.entries(row.features).filter(([name]) => !CLUSTER_OWN.has(name));
    const featureColumns = features.map(([name, value]) => `${name}:${neo4j.isInt(value) ? 'long' : 'double'}`);
    const signature = featureColumns.join(',');
    let file = clusterFiles.get(signature);
    if (!file) {
      const name = `clusters-${clusterFiles.size + 1}.csv`;
      file = new CsvFile(join(dir, name), [
        'key:ID(FraudCluster)', 'clusterId', 'runId', 'score:double', 'size:long', 'reasons:string[]', 'summary', 'contributions',
        'sharedIdentifierKeys:string[]', 'firstSeenRunId', 'lineageEvent', 'previousClusterIds:string[]', 'foundAt:datetime', ...featureColumns,
      ]);
      clusterFiles.set(signature, file);
    }
    await file.write([
      row.key, row.clusterId, runId, row.score, row.size.toNumber(), row.reasons, row.summary, row.contributions,
      row.sharedIdentifierKeys, row.firstSeenRunId, row.lineageEvent, row.previousClusterIds, foundAt, ...features.map(([, value]) => typed(value)),
    ]);
    await found.write([runId, row.key]);
  }
  written.clusters = 0;
  const clusterNames: string[] = [];
  for (const file of clusterFiles.values()) {
    written.clusters += await finished(file, plan);
    clusterNames.push(file.path.slice(dir.length + 1));
  }
  // a group of files shares the first file's header: each header its own group
  for (const name of clusterNames) plan.nodes.push({ labels: ['FraudCluster', 'Current'], files: [name] });
  await finished(found, plan);
  plan.relationships.push({ type: 'FOUND', files: ['found.csv'] });

  const members = new CsvFile(join(dir, 'members.csv'), [':START_ID(Account)', ':END_ID(FraudCluster)']);
  for (const { key, accountId } of memberRows(output)) await members.write([accountId, key]);
  written.members = await finished(members, plan);
  plan.relationships.push({ type: 'MEMBER_OF', files: ['members.csv'] });
  return written;
}

/**
 * The run node (succeeded and :Current, with its counts), the blacklist candidates as a
 * successful finish leaves them (promoted: current, pending review, flagged at the finish), what
 * each is a candidate for, and the run lock node (free). Written when the run is sealed, as the
 * Bolt sink's finish makes the run current then.
 */
export async function writeRunFiles(dir: string, run: RunInfo, candidates: readonly CandidateRow[], counts: Record<string, number>, finishedAt: string, plan: ImportPlan): Promise<Written> {
  const written: Written = {};
  // finish-run adds the counts, then sets status and finishedAt
  counts = Object.fromEntries(Object.entries(counts).filter(([name]) => !['runId', 'status', 'finishedAt'].includes(name)));
  const countColumns = Object.entries(counts).map(([name, value]) => `${name}:${Number.isInteger(value) ? 'long' : 'double'}`);
  for (const c of countColumns) if (c.split(':').length !== 2) throw new Error(`run count ${JSON.stringify(c)} holds ':', which the import header cannot name`);
  const runFile = new CsvFile(join(dir, 'run.csv'), ['runId:ID(PipelineRun)', 'startedAt:datetime', 'status', 'finishedAt:datetime', 'configHash', 'version', 'scope', ...countColumns]);
  await runFile.write([run.runId, new Date(run.startedAt).toISOString(), 'succeeded', new Date(finishedAt).toISOString(), run.configHash, run.version, 'full', ...Object.values(counts)]);
  await finished(runFile, plan);
  plan.nodes.push({ labels: ['PipelineRun', 'Current'], files: ['run.csv'] });

  const lock = new CsvFile(join(dir, 'lock.csv'), ['name:ID(PipelineLock)']);
  await lock.write(['nightly']);
  await finished(lock, plan);
  plan.nodes.push({ labels: ['PipelineLock'], files: ['lock.csv'] });

  const file = new CsvFile(join(dir, 'candidates.csv'), [
    'accountId:ID(BlacklistCandidate)', 'status', 'current:boolean', 'firstRunId', 'runId', 'clusterId', 'clusterKey', 'score:double',
    'reasons:string[]', 'memberPoints:double', 'evidenceVersion', 'reopened:boolean', 'lastFlaggedAt:datetime',
  ]);
  const candidateFor = new CsvFile(join(dir, 'candidate-for.csv'), [':START_ID(BlacklistCandidate)', ':END_ID(Account)']);
  for (const c of candidates) {
    const reopened = c.reasons.includes('REOPENED');
    await file.write([c.accountId, 'pending', true, run.runId, run.runId, c.clusterId, clusterKey(c.clusterId, run.runId), c.score, c.reasons, c.memberPoints, c.evidenceVersion, reopened, new Date(finishedAt).toISOString()]);
    await candidateFor.write([c.accountId, c.accountId]);
  }
  written.candidates = await finished(file, plan);
  await finished(candidateFor, plan);
  plan.nodes.push({ labels: ['BlacklistCandidate'], files: ['candidates.csv'] });
  plan.relationships.push({ type: 'CANDIDATE_FOR', files: ['candidate-for.csv'] });
  return written;
}

export { candidateRows };

async function finished(file: CsvFile, plan: ImportPlan): Promise<number> {
  await file.close();
  plan.multilineFields ||= file.multiline;
  return file.rows;
}

function dateTime(ms: Integer | null): string | null {
  return ms === null ? null : new Date(ms.toNumber()).toISOString();
}

function typed(value: Typed): Field {
  return neo4j.isInt(value) ? (value as Integer).toNumber() : (value as Field);
}
