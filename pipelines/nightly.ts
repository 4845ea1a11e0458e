import { join, resolve } from 'node:path';
import type { LoadedConfig } from '../src/config/config.js';
import { accountFolds } from '../src/detect/account-folds.js';
import { collectEvidence } from '../src/detect/collect-evidence.js';
import { detectCommunities } from '../src/detect/communities.js';
import { detectionCounts } from '../src/detect/detection-counts.js';
import type { Detection } from '../src/detect/detection.js';
import { kindWeightsOf, measureKindEvidence, undilutedKindsOf } from '../src/detect/kind-evidence.js';
import { proximityToKnownFraud } from '../src/detect/proximity.js';
import { checkScoringConfig, scoreCommunities } from '../src/detect/score-communities.js';
import { findComponents } from '../src/graph/components.js';
import { buildIdentifierGraph } from '../src/graph/identifier-graph.js';
import { weighIdentifiers } from '../src/graph/identifier-weights.js';
import { indexTransactions } from '../src/graph/transaction-index.js';
import { applyLineage } from '../src/lineage/apply-lineage.js';
import { readPreviousRun } from '../src/lineage/previous-run.js';
import type { Logger } from '../src/log.js';
import { configuredNormaliser, type ConfiguredNormaliser } from '../src/normalise/configured-normaliser.js';
import { resolvePanKey } from '../src/normalise/pan-key.js';
import { cardKeysOf } from '../src/review/card-key-change.js';
import { checkRunId } from '../src/run/run-id.js';
import { redactCardNumbers } from '../src/snapshot/redact.js';
import { asDiskFull } from '../src/errors.js';
import { markApprovedAsFraud, screenRejected } from '../src/review/apply-feedback.js';
import { DecisionLog } from '../src/review/decision-log.js';
import { knownFraudFromDecisions, rejectedEvidence } from '../src/review/feedback.js';
import type { ReviewSource } from '../src/review/review-source.js';
import type { RunManifest } from '../src/run/manifest.js';
import { writeReport } from '../src/report/write-report.js';
import { noProgress, type Progress } from '../src/run/progress.js';
import { pruneRuns } from '../src/run/retention.js';
import { describeFailure } from '../src/run/run-failure.js';
import { RunFile } from '../src/run/run-files.js';
import { defaultRunId, RunFolder } from '../src/run/run-folder.js';
import { RunRecord } from '../src/run/run-record.js';
import { StageTimer } from '../src/run/stage-timer.js';
import { StateLock } from '../src/run/state-lock.js';
import { FilesSink } from '../src/sinks/files.js';
import type { RunInfo, Sink } from '../src/sinks/sink.js';
import { loadSnapshot } from '../src/snapshot/load-snapshot.js';
import { RejectsFile } from '../src/snapshot/rejects.js';
import { snapshotCounts } from '../src/snapshot/snapshot-counts.js';
import { releaseLinks, type Snapshot } from '../src/snapshot/snapshot.js';
import { version } from '../src/version.js';
import { syncReviewFromGraph } from './review-sync.js';

export interface NightlyOptions {
  input: string;
  stateDir: string;
  config: LoadedConfig;
  runId?: string;
  /** destinations beyond the run folder (which is always written) */
  sinks?: Sink[];
  /** where reviewers set statuses outside the CLI (Neo4j); they become decisions before the night reads them */
  openReviewSource?: () => Promise<ReviewSource>;
  log: Logger;
  /** a progress bar for long stages (a terminal); none by default */
  progress?: Progress;
  /** use the public development key when FRAUD_RINGS_PAN_KEY is not set (`--dev-pan-key`) */
  allowDevelopmentPanKey?: boolean;
}

export interface NightlyResult {
  manifest: RunManifest;
  runPath: string;
  detection: Detection;
}

/**
 * The nightly run, as the runbook reads. Any failure after step 3 seals the folder as failed
 * (latest stays where it was) and rethrows.
 */
export async function nightly(options: NightlyOptions): Promise<NightlyResult> {
  const { config, hash: configHash } = options.config;
  const { log, stateDir } = options;
  // 1. check the config before any work
  checkScoringConfig(config);
  const runId = checkRunId(options.runId ?? defaultRunId());
  const panKey = resolvePanKey({ envName: config.normalise.panHashKeyEnv, allowDevelopmentKey: options.allowDevelopmentPanKey });
  if (panKey.development) log.warn('card numbers are hashed with the public development key: for demos and tests only');
  const normaliser = configuredNormaliser(config.normalise, panKey);
  const run: RunInfo = { runId, startedAt: new Date().toISOString(), configHash, version };

  // 2. take the state folder's lock; everything below holds it
  const lock = await StateLock.acquire(stateDir, run.runId, log);
  try {
    // 3. statuses reviewers set in Neo4j Browser become decisions
    if (options.openReviewSource) await syncReview(stateDir, options.openReviewSource, log);

    // 4. open the run folder and every sink (an unreachable sink fails before any work)
    const folder = await RunFolder.create(stateDir, run.runId, config.output);
    const sinks: Sink[] = [new FilesSink(folder.path), ...(options.sinks ?? [])];
    const timer = new StageTimer(log);
    const record = new RunRecord({ ...run, panKey: { fingerprint: panKey.fingerprint, development: panKey.development } }, redactCardNumbers(resolve(options.input)), timer.stages, sinks.map((s) => s.name));
    log.info({ runId: run.runId, input: options.input, sinks: sinks.map((s) => s.name) }, 'nightly run started');
    try {
      await timer.run('open sinks', () => Promise.all(sinks.map((s) => s.open(run))));

      // 5. load the snapshot, bad rows to rejects.csv
      const snapshot = await loadWithRejects(options, normaliser, join(folder.path, RunFile.rejects), timer, record);
      record.readTables(snapshot.tables.map((t) => ({ ...t, path: redactCardNumbers(t.path) })));
      record.count(snapshotCounts(snapshot));

      // 6. approved blacklist decisions become known fraud
      const decisionLog = await DecisionLog.read(stateDir);
      const decisions = decisionLog.current;
      record.count({ approvedKnownFraud: markApprovedAsFraud(snapshot, knownFraudFromDecisions(decisions)) });

      // 7. find rings: graph; how ordinary sharing each kind is in this snapshot; identifier
      //    weights (hubs never link); components on grouping links (a giant one is carved);
      //    Louvain communities; proximity to known fraud; the risk model fitted and applied
      const graph = await timer.run('build graph', () => buildIdentifierGraph(snapshot, { linkTimes: sinks.some((s) => s.readsLinkTimes) }));
      releaseLinks(snapshot); // the graph holds them now
      const kinds = await timer.run('measure kinds', () => measureKindEvidence(snapshot, graph, { hubMinAccounts: config.graph.hubMinAccounts, ...config.kinds, pinned: config.graph.kindWeights }));
      const weights = await timer.run('weigh identifiers', () =>
        weighIdentifiers(snapshot, graph, {
          hubMinAccounts: config.graph.hubMinAccounts,
          kindWeights: kindWeightsOf(kinds),
          linkMinShare: config.graph.linkMinShare,
          undilutedKinds: undilutedKindsOf(kinds),
        }),
      );
      const components = await timer.run('components', () => findComponents(graph, weights));
      const communities = await timer.run('communities', () =>
        detectCommunities(graph, weights, components, snapshot.accounts.ids, { seed: config.seed, ...config.communities, maxComponentAccounts: config.graph.maxComponentAccounts }),
      );
      const transactions = await timer.run('index transactions', () => indexTransactions(snapshot));
      const folds = accountFolds(snapshot.accounts.ids, config.model.folds, config.seed);
      const proximity = await timer.run('proximity', () =>
        proximityToKnownFraud(snapshot, graph, weights, transactions, folds, config.model.folds, { restart: config.model.proximityRestart, iterations: config.model.proximityIterations }),
      );
      const input = { snapshot, graph, weights, transactions, proximity };
      const scored = await timer.run('score', () => scoreCommunities(input, components, communities, folds, config));
      record.describeDetection({ kinds, model: scored.model });

      // 8. keep the ids of rings seen in the previous run (lineage)
      const previous = await readPreviousRun(stateDir);
      const named = await timer.run('lineage', () => applyLineage(scored, snapshot.accounts.ids, run.runId, previous));
      const keys = await cardKeysOf(stateDir, decisions, panKey.fingerprint);
      if (keys.changedSince.length > 0) {
        log.warn({ runs: keys.changedSince }, 'the card hashing key changed since earlier runs: their card tokens are not compared, so a rejected account is not re-opened for a new card');
      }

      // 9. gather each candidate's evidence; leave out rejected accounts whose evidence did not
      //    change materially (re-open the others)
      const bundles = await timer.run('evidence', () => collectEvidence(input, named.detection, config.evidence));
      const { detection, evidence, suppressed, reopened } = screenRejected(named.detection, bundles, snapshot.accounts.ids, rejectedEvidence(decisions), keys.comparable, (d, id) => decisionLog.approvedWhen(d, id));
      record.count({ ...detectionCounts(detection), suppressedRejected: suppressed, reopened });

      // 10. write every sink and report.html, seal the run folder with its manifest, move `latest`
      const output = { run, snapshot, graph, weights, detection, evidence, lineage: named.lineage, firstSeen: named.firstSeen, previousRunId: previous?.runId ?? null };
      for (const sink of sinks) record.countWritten(await timer.run(`write ${sink.name}`, () => sink.write(output)));
      for (const sink of sinks) await sink.finish(run, 'succeeded', record.counts);
      // the report describes the run; failing to draw it must not fail the night
      await timer.run('report', () => writeReport(folder.path, stateDir, record.manifest('succeeded')).catch((e: unknown) => log.error({ error: (e as Error).message }, 'report.html not written')));
      const sealed = record.manifest('succeeded');
      await folder.seal(sealed);

      // 11. prune old runs (the lock is released below)
      const pruned = await pruneRuns(stateDir, config.retention.keepRuns, run.runId);
      log.info({ runId: run.runId, pruned, ...record.counts }, 'nightly run succeeded');
      return { manifest: sealed, runPath: folder.finalPath, detection };
    } catch (thrown) {
      const err = asDiskFull(thrown) ?? thrown;
      const failure = describeFailure(err, record.counts.rejectedRows ? join(folder.finalPath, RunFile.rejects) : null);
      for (const sink of sinks) await sink.finish(run, 'failed', record.counts).catch(() => undefined);
      const failed = record.manifest('failed', failure);
      await writeReport(folder.path, stateDir, failed).catch((e: unknown) => log.warn({ error: (e as Error).message }, 'report.html not written'));
      await folder.seal(failed).catch(() => undefined);
      log.error({ runId: run.runId, exitCode: failure.exitCode, error: failure.message }, 'nightly run failed');
      throw err;
    } finally {
      await Promise.all(sinks.map((s) => s.close().catch(() => undefined)));
    }
  } finally {
    await lock.release();
  }
}

async function syncReview(stateDir: string, open: () => Promise<ReviewSource>, log: Logger): Promise<void> {
  const source = await open();
  try {
    await syncReviewFromGraph(stateDir, await source.reviewed(), log);
  } finally {
    await source.close();
  }
}

/** Loads the snapshot with its rejects file, which is closed and counted however loading ends. */
async function loadWithRejects(options: NightlyOptions, normaliser: ConfiguredNormaliser, rejectsPath: string, timer: StageTimer, record: RunRecord): Promise<Snapshot> {
  const rejects = new RejectsFile(rejectsPath);
  const progress = options.progress ?? noProgress;
  try {
    return await timer.run('load snapshot', () =>
      loadSnapshot(options.input, { ...normaliser, rejects, maxRejectShare: options.config.config.input.maxRejectShare, onProgress: (table, f) => progress.update(`reading ${table}`, f) }).finally(() => progress.stop()),
    );
  } finally {
    await rejects.close();
    record.count({ rejectedRows: rejects.total });
  }
}
