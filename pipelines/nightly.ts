import { join, resolve } from 'node:path';
import type { LoadedConfig } from '../src/config/config.js';
import { detectCommunities } from '../src/detect/communities.js';
import { checkScoringConfig, scoreCommunities } from '../src/detect/detect-rings.js';
import type { Detection } from '../src/detect/detection.js';
import { ExitCode, UserError } from '../src/errors.js';
import { findComponents } from '../src/graph/components.js';
import { buildIdentifierGraph } from '../src/graph/identifier-graph.js';
import { weighIdentifiers } from '../src/graph/identifier-weights.js';
import { indexTransactions } from '../src/graph/transaction-index.js';
import type { Logger } from '../src/log.js';
import { createNormaliser } from '../src/normalise/normalise-identifier.js';
import type { RunManifest } from '../src/run/manifest.js';
import { defaultRunId, RunFolder } from '../src/run/run-folder.js';
import { StageTimer } from '../src/run/stage-timer.js';
import { FilesSink } from '../src/sinks/files.js';
import type { RunInfo, Sink } from '../src/sinks/sink.js';
import { loadSnapshot } from '../src/snapshot/load-snapshot.js';
import { RejectsFile } from '../src/snapshot/rejects.js';
import type { Snapshot, TableStats } from '../src/snapshot/snapshot.js';
import { version } from '../src/version.js';

export interface NightlyOptions {
  input: string;
  stateDir: string;
  config: LoadedConfig;
  runId?: string;
  /** destinations beyond the run folder (which is always written) */
  sinks?: Sink[];
  log: Logger;
}

export interface NightlyResult {
  manifest: RunManifest;
  runPath: string;
  detection: Detection;
}

const DEV_PAN_KEY = 'fraud-rings-development-key';

/**
 * The nightly run, as the runbook reads: prepare, load, build the graph, detect, score, write, seal.
 */
export async function nightly(options: NightlyOptions): Promise<NightlyResult> {
  const { config, hash: configHash } = options.config;
  const log = options.log;
  checkScoringConfig(config);
  const panKey = process.env[config.normalise.panHashKeyEnv];
  if (!panKey) log.warn(`${config.normalise.panHashKeyEnv} is not set: card numbers are hashed with the built-in development key`);
  const normalise = createNormaliser({ placeholders: config.normalise.placeholders, defaultCountryCode: config.normalise.defaultCountryCode, panHashKey: panKey || DEV_PAN_KEY });

  const run: RunInfo = { runId: options.runId ?? defaultRunId(), startedAt: new Date().toISOString(), configHash, version };
  const folder = await RunFolder.create(options.stateDir, run.runId);
  const sinks: Sink[] = [new FilesSink(folder.path), ...(options.sinks ?? [])];
  const timer = new StageTimer(log);
  log.info({ runId: run.runId, input: options.input, sinks: sinks.map((s) => s.name) }, 'nightly run started');

  let tables: TableStats[] = [];
  const counts: Record<string, number> = {};
  try {
    await timer.run('open sinks', () => Promise.all(sinks.map((s) => s.open(run))));

    const rejects = new RejectsFile(join(folder.path, 'rejects.csv'));
    let snapshot: Snapshot;
    try {
      snapshot = await timer.run('load snapshot', () => loadSnapshot(options.input, { normalise, rejects, maxRejectShare: config.input.maxRejectShare }));
    } finally {
      await rejects.close();
      counts.rejectedRows = rejects.total;
    }
    tables = snapshot.tables;
    Object.assign(counts, { accounts: snapshot.accounts.ids.length, identifiers: snapshot.identifiers.values.length, links: snapshot.links.account.length, placeholderRows: snapshot.placeholderRows, transactions: snapshot.transactions.account.length });

    const graph = await timer.run('build graph', () => buildIdentifierGraph(snapshot));
    const weights = await timer.run('weigh identifiers', () => weighIdentifiers(snapshot, graph, config.graph));
    const components = await timer.run('components', () => findComponents(graph, weights));
    const communities = await timer.run('communities', () =>
      detectCommunities(graph, weights, components, snapshot.accounts.ids, { seed: config.seed, ...config.communities }),
    );
    const transactions = await timer.run('index transactions', () => indexTransactions(snapshot));
    const detection = await timer.run('score', () => scoreCommunities({ snapshot, graph, weights, transactions }, components, communities, config));
    Object.assign(counts, detection.stats, {
      clusters: detection.clusters.length,
      members: detection.clusters.reduce((n, c) => n + c.members.length, 0),
      candidates: detection.candidates.length,
    });

    for (const sink of sinks) await timer.run(`write ${sink.name}`, () => sink.write({ run, snapshot, graph, weights, detection }));
    for (const sink of sinks) await sink.finish(run, 'succeeded', counts);

    const manifest = buildManifest(run, 'succeeded', options.input, tables, counts, timer, sinks);
    await folder.seal(manifest);
    log.info({ runId: run.runId, ...counts }, 'nightly run succeeded');
    return { manifest, runPath: folder.finalPath, detection };
  } catch (err) {
    const exitCode = err instanceof UserError ? err.exitCode : ExitCode.internal;
    let message = err instanceof Error ? err.message.split('\n')[0]! : String(err);
    if (counts.rejectedRows) message += ` (rejected rows: ${join(folder.finalPath, 'rejects.csv')})`;
    if (err instanceof Error) err.message = message;
    for (const sink of sinks) await sink.finish(run, 'failed', counts).catch(() => undefined);
    const manifest = buildManifest(run, 'failed', options.input, tables, counts, timer, sinks, { message, exitCode });
    await folder.seal(manifest).catch(() => undefined);
    log.error({ runId: run.runId, exitCode, error: message }, 'nightly run failed');
    throw err;
  } finally {
    await Promise.all(sinks.map((s) => s.close().catch(() => undefined)));
  }
}

function buildManifest(
  run: RunInfo,
  status: RunManifest['status'],
  input: string,
  tables: TableStats[],
  counts: Record<string, number>,
  timer: StageTimer,
  sinks: Sink[],
  error?: RunManifest['error'],
): RunManifest {
  return {
    runId: run.runId,
    status,
    startedAt: run.startedAt,
    finishedAt: new Date().toISOString(),
    version: run.version,
    configHash: run.configHash,
    input: { dir: resolve(input), tables },
    counts,
    stages: timer.stages,
    sinks: sinks.map((s) => s.name),
    ...(error ? { error } : {}),
  };
}
