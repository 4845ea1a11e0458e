import { join, resolve } from 'node:path';
import type { LoadedConfig } from '../src/config/config.js';
import { checkScoringConfig } from '../src/detect/detect-rings.js';
import { collectEvidence } from '../src/detect/collect-evidence.js';
import type { Detection } from '../src/detect/detection.js';
import { findRings } from '../src/detect/find-rings.js';
import { applyLineage } from '../src/lineage/apply-lineage.js';
import { readPreviousRun } from '../src/lineage/previous-run.js';
import { ExitCode, UserError } from '../src/errors.js';
import type { Logger } from '../src/log.js';
import { configuredNormaliser } from '../src/normalise/configured-normaliser.js';
import type { RunManifest } from '../src/run/manifest.js';
import { pruneRuns } from '../src/run/retention.js';
import { RunFile } from '../src/run/run-files.js';
import { defaultRunId, RunFolder } from '../src/run/run-folder.js';
import { noProgress, type Progress } from '../src/run/progress.js';
import { StageTimer } from '../src/run/stage-timer.js';
import { StateLock } from '../src/run/state-lock.js';
import { FilesSink } from '../src/sinks/files.js';
import type { RunInfo, Sink } from '../src/sinks/sink.js';
import { loadSnapshot } from '../src/snapshot/load-snapshot.js';
import { RejectsFile } from '../src/snapshot/rejects.js';
import { markApprovedAsFraud, screenRejected } from '../src/review/apply-feedback.js';
import { DecisionLog } from '../src/review/decision-log.js';
import { knownFraudFromDecisions, rejectedEvidence } from '../src/review/feedback.js';
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
  /** a progress bar for long stages (a terminal); none by default */
  progress?: Progress;
}

export interface NightlyResult {
  manifest: RunManifest;
  runPath: string;
  detection: Detection;
}

/**
 * The nightly run, as the runbook reads:
 *   1. check the config, take the state folder's lock;
 *   2. open the run folder and every sink (an unreachable sink fails before any work);
 *   3. load the snapshot (bad rows to rejects.csv); approved blacklist decisions become known fraud;
 *   4. find rings: graph, hubs, components, communities, scores;
 *      keep the ids of rings seen in the previous run (lineage); gather each candidate's evidence;
 *      leave out rejected accounts whose evidence did not change materially (re-open the others);
 *   5. write every sink, seal the run folder with its manifest, move `latest`;
 *   6. prune old runs, release the lock.
 * Any failure seals the folder as failed (latest stays where it was) and rethrows.
 */
export async function nightly(options: NightlyOptions): Promise<NightlyResult> {
  const { config, hash: configHash } = options.config;
  const log = options.log;
  checkScoringConfig(config);
  const normalise = configuredNormaliser(config.normalise, log);
  const run: RunInfo = { runId: options.runId ?? defaultRunId(), startedAt: new Date().toISOString(), configHash, version };

  const lock = await StateLock.acquire(options.stateDir, run.runId, log);
  try {
    const folder = await RunFolder.create(options.stateDir, run.runId);
    const sinks: Sink[] = [new FilesSink(folder.path), ...(options.sinks ?? [])];
    const timer = new StageTimer(log);
    const counts: Record<string, number> = {};
    let tables: TableStats[] = [];
    const manifest = (status: RunManifest['status'], error?: RunManifest['error']): RunManifest => ({
      runId: run.runId,
      status,
      startedAt: run.startedAt,
      finishedAt: new Date().toISOString(),
      version,
      configHash,
      input: { dir: resolve(options.input), tables },
      counts,
      stages: timer.stages,
      sinks: sinks.map((s) => s.name),
      ...(error ? { error } : {}),
    });
    log.info({ runId: run.runId, input: options.input, sinks: sinks.map((s) => s.name) }, 'nightly run started');

    try {
      await timer.run('open sinks', () => Promise.all(sinks.map((s) => s.open(run))));

      const rejects = new RejectsFile(join(folder.path, RunFile.rejects));
      let snapshot: Snapshot;
      try {
        const progress = options.progress ?? noProgress;
        snapshot = await timer.run('load snapshot', () =>
          loadSnapshot(options.input, { normalise, rejects, maxRejectShare: config.input.maxRejectShare, onProgress: (table, f) => progress.update(`reading ${table}`, f) }).finally(() => progress.stop()),
        );
      } finally {
        await rejects.close();
        counts.rejectedRows = rejects.total;
      }
      tables = snapshot.tables;
      Object.assign(counts, {
        accounts: snapshot.accounts.ids.length,
        identifiers: snapshot.identifiers.values.length,
        links: snapshot.links.account.length,
        placeholderRows: snapshot.placeholderRows,
        transactions: snapshot.transactions.account.length,
      });

      const decisions = (await DecisionLog.read(options.stateDir)).current;
      counts.approvedKnownFraud = markApprovedAsFraud(snapshot, knownFraudFromDecisions(decisions));

      const found = await findRings(snapshot, config, timer);
      const previous = await readPreviousRun(options.stateDir);
      const named = await timer.run('lineage', () => applyLineage(found.detection, snapshot.accounts.ids, run.runId, previous));
      const { lineage, firstSeen } = named;
      const { graph, weights } = found;
      const bundles = await timer.run('evidence', () => collectEvidence(found.input, named.detection, config.evidence));
      const { detection, evidence, suppressed, reopened } = screenRejected(named.detection, bundles, snapshot.accounts.ids, rejectedEvidence(decisions));
      Object.assign(counts, detection.stats, {
        clusters: detection.clusters.length,
        members: detection.clusters.reduce((n, c) => n + c.members.length, 0),
        candidates: detection.candidates.length,
        suppressedRejected: suppressed,
        reopened,
      });

      for (const sink of sinks) {
        const report = await timer.run(`write ${sink.name}`, () => sink.write({ run, snapshot, graph, weights, detection, evidence, lineage, firstSeen, previousRunId: previous?.runId ?? null }));
        for (const [what, rows] of Object.entries(report.written)) counts[`${sink.name}.${what}`] = rows;
      }
      for (const sink of sinks) await sink.finish(run, 'succeeded', counts);
      const sealed = manifest('succeeded');
      await folder.seal(sealed);
      const pruned = await pruneRuns(options.stateDir, config.retention.keepRuns, run.runId);
      log.info({ runId: run.runId, pruned, ...counts }, 'nightly run succeeded');
      return { manifest: sealed, runPath: folder.finalPath, detection };
    } catch (err) {
      const exitCode = err instanceof UserError ? err.exitCode : ExitCode.internal;
      let message = err instanceof Error ? err.message.split('\n')[0]! : String(err);
      if (counts.rejectedRows) message += ` (rejected rows: ${join(folder.finalPath, RunFile.rejects)})`;
      if (err instanceof Error) err.message = message;
      for (const sink of sinks) await sink.finish(run, 'failed', counts).catch(() => undefined);
      await folder.seal(manifest('failed', { message, exitCode })).catch(() => undefined);
      log.error({ runId: run.runId, exitCode, error: message }, 'nightly run failed');
      throw err;
    } finally {
      await Promise.all(sinks.map((s) => s.close().catch(() => undefined)));
    }
  } finally {
    await lock.release();
  }
}
