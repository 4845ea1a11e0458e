import { join, resolve } from 'node:path';
import type { LoadedConfig } from '../src/config/config.js';
import { accountFolds } from '../src/detect/account-folds.js';
import { detectByBuckets } from '../src/detect/buckets/detect-by-buckets.js';
import { evidenceByBuckets } from '../src/detect/buckets/evidence-by-buckets.js';
import { detectFromBuckets, evidenceFromBuckets } from '../src/detect/buckets/detect-from-buckets.js';
import { BucketWorkers } from '../src/engine/spark/bucket-workers.js';
import { restartCounts } from '../src/detect/proximity.js';
import { nightTotals } from '../src/detect/buckets/night-totals.js';
import { partitionComponents, wholeSnapshotBucket } from '../src/detect/buckets/detection-bucket.js';
import { detectionCounts } from '../src/detect/detection-counts.js';
import type { Detection } from '../src/detect/detection.js';
import { kindEvidenceOf, kindWeightsOf, undilutedKindsOf } from '../src/detect/kind-evidence.js';
import { checkScoringConfig } from '../src/detect/score-communities.js';
import type { NightTotals } from '../src/detect/buckets/night-totals.js';
import type { Engine } from '../src/engine/engine.js';
import type { SparkEngine } from '../src/engine/spark/spark-engine.js';
import { openEngine, type EngineChoice } from '../src/engine/open-engine.js';
import { wholeGraphFacts, wholeGraphView } from '../src/graph/graph-facts.js';
import { buildIdentifierGraph } from '../src/graph/identifier-graph.js';
import { kindEvidenceByKind, kindWeightsByKind, linkMinWeightOf, weighIdentifiers } from '../src/graph/identifier-weights.js';
import { indexTransactions } from '../src/graph/transaction-index.js';
import { applyLineage } from '../src/lineage/apply-lineage.js';
import { readPreviousRun } from '../src/lineage/previous-run.js';
import type { Logger } from '../src/log.js';
import { configuredNormaliser, type ConfiguredNormaliser } from '../src/normalise/configured-normaliser.js';
import { resolvePanKey } from '../src/normalise/pan-key.js';
import { cardKeysOf } from '../src/review/card-key-change.js';
import { checkRunId } from '../src/run/run-id.js';
import { redactCardNumbers } from '../src/normalise/redact.js';
import { asDiskFull, UserError } from '../src/errors.js';
import { markApprovedAsFraud, screenRejected } from '../src/review/apply-feedback.js';
import { DecisionLog } from '../src/review/decision-log.js';
import { knownFraudFromDecisions, rejectedEvidence } from '../src/review/feedback.js';
import type { ReviewSource } from '../src/review/review-source.js';
import type { RunManifest } from '../src/run/manifest.js';
import { writeReport } from '../src/report/write-report.js';
import { noProgress, type Progress } from '../src/run/progress.js';
import { pruneRuns } from '../src/run/retention.js';
import { describeFailure } from '../src/run/run-failure.js';
import { readManifest, RunFile } from '../src/run/run-files.js';
import { crashPoint } from '../src/run/crash-point.js';
import { repairLatest, type LatestRepair } from '../src/run/latest-link.js';
import { defaultRunId, RunFolder, sealedStatus } from '../src/run/run-folder.js';
import { RunRecord } from '../src/run/run-record.js';
import { StageTimer } from '../src/run/stage-timer.js';
import { StateLock } from '../src/run/state-lock.js';
import { FilesSink } from '../src/sinks/files.js';
import type { RunInfo, RunOutput, RunResult, Sink } from '../src/sinks/sink.js';
import { inputSettings } from '../src/config/input-settings.js';
import { loadSnapshot, type LoadOptions } from '../src/snapshot/load-snapshot.js';
import { RejectsFile } from '../src/snapshot/rejects.js';
import { snapshotCounts } from '../src/snapshot/snapshot-counts.js';
import { releaseLinks } from '../src/snapshot/snapshot.js';
import { version } from '../src/version.js';
import { mirrorDecisions, syncReviewFromGraph } from './review-sync.js';

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
  /** where the global steps run: this process (default) or Spark (`--engine spark`) */
  engine?: EngineChoice;
  /** detection runs over the components split into this many buckets (default 1); the answer is the same for any count */
  detectionBuckets?: number;
  /** with the Spark engine: detection in this many worker processes at once, each loading one of the job's buckets (`--workers`; default the cores) */
  workers?: number;
}

export interface NightlyResult {
  manifest: RunManifest;
  runPath: string;
  /** null when the run had been sealed by a killed process and this one only completed it */
  detection: Detection | null;
  /** what a rerun of a sealed run id completed (empty for a run made from scratch) */
  completed: string[];
}

/**
 * The nightly run, as the runbook reads. Steps 10–12 are the commit protocol
 * (docs/commit-protocol.md): the run folder is sealed, then `latest` moves, then the sinks make
 * the run current. Any failure before the folder is sealed seals it as failed (latest stays where
 * it was) and rethrows; after it, the run stays succeeded and a rerun of the same id (or the next
 * night) completes what is left.
 */
export async function nightly(options: NightlyOptions): Promise<NightlyResult> {
  const { config } = options.config;
  const { log, stateDir } = options;
  // 1. check the config before any work
  checkScoringConfig(config);
  const runId = checkRunId(options.runId ?? defaultRunId());
  const panKey = resolvePanKey({ envName: config.normalise.panHashKeyEnv, allowDevelopmentKey: options.allowDevelopmentPanKey });
  if (panKey.development) log.warn('card numbers are hashed with the public development key: for demos and tests only');

  // 2. take the state folder's lock; everything below holds it
  const lock = await StateLock.acquire(stateDir, runId, log);
  try {
    // 3. `latest` names the newest sealed run before anything reads it (what a kill while
    //    sealing left behind is repaired, with a warning)
    const latest = await repairLatest(stateDir, log);
    const run: RunInfo = { runId, startedAt: new Date().toISOString(), configHash: options.config.hash, version, latestRunId: latest.latest };

    // 4. a run id that is sealed already: complete what a kill left undone, or refuse
    if ((await sealedStatus(stateDir, runId)) === 'succeeded') return await completeSealedRun(stateDir, run, latest, options.sinks ?? [], log);
    return await runNight(options, run, panKey, log);
  } finally {
    // a lock that cannot be removed (a state folder made read-only mid-run) must not hide how the
    // run ended; the next run takes it over, as its process is gone
    await lock.release().catch((e: unknown) => log.warn({ error: (e as Error).message }, 'nightly.lock could not be removed; the next run takes it over'));
  }
}

async function runNight(options: NightlyOptions, run: RunInfo, panKey: ReturnType<typeof resolvePanKey>, log: Logger): Promise<NightlyResult> {
  const { config } = options.config;
  const { stateDir } = options;
  const normaliser = configuredNormaliser(config.normalise, panKey);
  // 5. statuses reviewers set in Neo4j Browser become decisions (the source stays open: the log
  //    is mirrored back to it once the run is current)
  const review = options.openReviewSource ? await options.openReviewSource() : null;
  try {
    if (review) await syncReviewFromGraph(stateDir, await review.reviewed(), log);

    // 6. open the run folder and every sink (an unreachable sink fails before any work)
    const folder = await RunFolder.create(stateDir, run.runId, config.output);
    const files = new FilesSink(folder.path);
    const sinks: Sink[] = [files, ...(options.sinks ?? [])];
    const timer = new StageTimer(log);
    const record = new RunRecord({ ...run, panKey: { fingerprint: panKey.fingerprint, development: panKey.development } }, redactCardNumbers(resolve(options.input)), timer.stages, sinks.map((s) => s.name));
    log.info({ runId: run.runId, input: options.input, sinks: sinks.map((s) => s.name) }, 'nightly run started');
    try {
      let result: { manifest: RunManifest; detection: Detection };
      try {
        await timer.run('open sinks', () => Promise.all(sinks.map((s) => s.open(run))));
        // the global steps' engine works in the run folder's work/, removed before it is sealed
        const engine = openEngine(options.engine, { workDir: join(folder.path, 'work'), panKey: panKey.key, log });
        record.describeEngine(engine.record());
        const { detection, result: night, whole } = await (engine.name === 'spark' ? detectOnSpark(options, run, normaliser, panKey, folder, timer, record, engine) : detect(options, run, normaliser, panKey, folder, timer, record, engine)).finally(() => engine.close());

        // 10. write the run folder, every other sink (the whole night's graph: the local engine)
        //     and report.html, then seal the run folder with its manifest and move `latest`
        //     (commit protocol steps 1–4)
        record.countWritten(await timer.run(`write ${files.name}`, () => files.write(night)));
        for (const sink of options.sinks ?? []) {
          if (!whole) throw new UserError(`the ${sink.name} sink needs the night held whole (--engine local)`);
          record.countWritten(await timer.run(`write ${sink.name}`, () => sink.write(whole)));
        }
        crashPoint('after-write');
        // the report describes the run; failing to draw it must not fail the night
        await timer.run('report', () => writeReport(folder.path, stateDir, record.manifest('succeeded')).catch((e: unknown) => log.error({ error: (e as Error).message }, 'report.html not written')));
        const sealed = record.manifest('succeeded');
        await folder.seal(sealed);
        result = { manifest: sealed, detection };
      } catch (thrown) {
        const err = asDiskFull(thrown) ?? thrown;
        const failure = describeFailure(err, record.counts.rejectedRows ? join(folder.finalPath, RunFile.rejects) : null);
        for (const sink of sinks) await sink.finish(run, 'failed', record.counts).catch(() => undefined);
        const failed = record.manifest('failed', failure);
        await writeReport(folder.path, stateDir, failed).catch((e: unknown) => log.warn({ error: (e as Error).message }, 'report.html not written'));
        await folder.seal(failed).catch(() => undefined);
        log.error({ runId: run.runId, exitCode: failure.exitCode, error: failure.message }, 'nightly run failed');
        throw err;
      }

      // 11. the run is sealed and latest: the sinks make it current (commit protocol step 5)
      crashPoint('after-latest');
      await makeCurrent(sinks, run, record.counts, log);
      crashPoint('after-current');

      // 12. decisions reach Neo4j even when made without --sink neo4j; prune old runs (the lock is released by the caller)
      if (review) await mirrorDecisions(stateDir, review, log);
      const pruned = await pruneRuns(stateDir, config.retention.keepRuns, run.runId);
      log.info({ runId: run.runId, pruned, ...record.counts }, 'nightly run succeeded');
      return { ...result, runPath: folder.finalPath, completed: [] };
    } finally {
      await Promise.all(sinks.map((s) => s.close().catch(() => undefined)));
    }
  } finally {
    await review?.close();
  }
}

/** What steps 7–9 give the sinks: the run folder's result, and the night held whole when it was (the other sinks write from it). */
interface NightResult {
  detection: Detection;
  result: RunResult;
  whole: RunOutput | null;
}

/** Steps 7–9 with the night held whole in this process (the local engine): load, detect, lineage and evidence. */
async function detect(options: NightlyOptions, run: RunInfo, normaliser: ConfiguredNormaliser, panKey: ReturnType<typeof resolvePanKey>, folder: RunFolder, timer: StageTimer, record: RunRecord, engine: Engine): Promise<NightResult> {
  const { config } = options.config;
  const { log, stateDir } = options;
  const sinksReadLinkTimes = (options.sinks ?? []).some((s) => s.readsLinkTimes);

  // 7. load the snapshot, bad rows to rejects.csv
  const snapshot = await loadWithRejects(options, normaliser, join(folder.path, RunFile.rejects), timer, record, (settings) => timer.run('load snapshot', () => loadSnapshot(options.input, settings)));
  record.readTables(snapshot.tables.map((t) => ({ ...t, path: redactCardNumbers(t.path) })));
  record.count(snapshotCounts(snapshot));

  // approved blacklist decisions become known fraud
  const decisionLog = await DecisionLog.read(stateDir, { warnings: log });
  const decisions = decisionLog.current;
  record.count({ approvedKnownFraud: markApprovedAsFraud(snapshot.accounts, knownFraudFromDecisions(decisions)) });

  // 8. find rings: graph; how ordinary sharing each kind is in this snapshot (the engine
  //    counts, the weights are measured here from its integers); identifier
  //    weights (hubs never link); components on grouping links, by the engine (here or on
  //    Spark, from the same rule as numbers; a giant one is carved); proximity to known fraud;
  //    then, over buckets of whole components (docs/detection-buckets.md), Louvain communities
  //    and the risk model fitted and applied
  const graph = await timer.run('build graph', () => buildIdentifierGraph(snapshot, { linkTimes: sinksReadLinkTimes }));
  releaseLinks(snapshot); // the graph holds them now
  const kindAggregates = await engine.measureKinds(snapshot, graph, config.graph.hubMinAccounts, timer);
  const kinds = kindEvidenceOf(snapshot.identifiers.kinds, kindAggregates, { ...config.kinds, pinned: config.graph.kindWeights });
  const weights = await timer.run('weigh identifiers', () =>
    weighIdentifiers(snapshot, graph, {
      hubMinAccounts: config.graph.hubMinAccounts,
      kindWeights: kindWeightsOf(kinds),
      linkMinShare: config.graph.linkMinShare,
      undilutedKinds: undilutedKindsOf(kinds),
    }),
  );
  const folds = accountFolds(snapshot.accounts.ids, config.model.folds, config.seed);
  const walk = { ...kindEvidenceByKind(snapshot.identifiers.kinds, { kindWeights: kindWeightsOf(kinds), undilutedKinds: undilutedKindsOf(kinds) }), fold: folds, folds: config.model.folds, restart: config.model.proximityRestart, iterations: config.model.proximityIterations };
  const components = await engine.components(snapshot, graph, weights, timer);
  record.describeEngine(engine.record());
  const transactions = await timer.run('index transactions', () => indexTransactions(snapshot));
  const proximity = await engine.proximity(snapshot, graph, weights, transactions, walk, timer);
  const input = { snapshot, graph, weights, transactions, proximity };
  // by default one bucket: the whole snapshot
  const buckets = (options.detectionBuckets ?? 1) > 1 ? partitionComponents(components, snapshot.accounts.ids, options.detectionBuckets!) : [wholeSnapshotBucket(components)];
  const scored = await detectByBuckets(input, nightTotals(input, components.count), buckets, folds, config, (name, work) => timer.run(name, work));
  record.describeDetection({ kinds, model: scored.model, calibration: scored.calibration, decision: scored.decision });

  // 9. keep the ids of rings seen in the previous run (lineage); gather each candidate's
  //    evidence; leave out rejected accounts whose evidence did not change materially (re-open
  //    the others)
  const previous = await readPreviousRun(stateDir);
  const named = await timer.run('lineage', () => applyLineage(scored, snapshot.accounts.ids, run.runId, previous));
  const keys = await cardKeysOf(stateDir, decisions, panKey.fingerprint);
  if (keys.changedSince.length > 0) {
    log.warn({ runs: keys.changedSince }, 'the card hashing key changed since earlier runs: their card tokens are not compared, so a rejected account is not re-opened for a new card');
  }
  const bundles = await timer.run('evidence', () => evidenceByBuckets(input, named.detection, buckets, config.evidence));
  const { detection, evidence, suppressed, reopened } = screenRejected(named.detection, bundles, snapshot.accounts.ids, rejectedEvidence(decisions), keys.comparable, (d, id) => decisionLog.approvedWhen(d, id));
  record.count({ ...detectionCounts(detection), suppressedRejected: suppressed, reopened });
  const facts = wholeGraphFacts(wholeGraphView(snapshot, graph, weights.hub));
  const output: RunOutput = { run, accountIds: snapshot.accounts.ids, facts, snapshot, graph, weights, detection, evidence, lineage: named.lineage, firstSeen: named.firstSeen, previousRunId: previous?.runId ?? null };
  return { detection, result: output, whole: output };
}

/**
 * Steps 7–9 on the Spark engine, for a night this process never holds whole
 * (docs/scale-out.md): the snapshot streams into Parquet parts; Spark measures the kinds, groups,
 * walks to known fraud and writes buckets of whole components; detection runs in worker
 * processes that each load one bucket (docs/detection-buckets.md). This process holds the
 * accounts' ids and labels, the fit's training rows and the night's results. The same answer as
 * the local engine, byte for byte.
 */
async function detectOnSpark(options: NightlyOptions, run: RunInfo, normaliser: ConfiguredNormaliser, panKey: ReturnType<typeof resolvePanKey>, folder: RunFolder, timer: StageTimer, record: RunRecord, engine: SparkEngine): Promise<NightResult> {
  const { config } = options.config;
  const { log, stateDir } = options;

  // 7. stream the snapshot into the engine's parts, bad rows to rejects.csv
  const loaded = await loadWithRejects(options, normaliser, join(folder.path, RunFile.rejects), timer, record, (settings) => engine.load(options.input, settings, timer));
  record.readTables(loaded.tables.map((t) => ({ ...t, path: redactCardNumbers(t.path) })));
  record.count(loaded.counts);
  const { accounts } = loaded;

  // approved blacklist decisions become known fraud
  const decisionLog = await DecisionLog.read(stateDir, { warnings: log });
  const decisions = decisionLog.current;
  record.count({ approvedKnownFraud: markApprovedAsFraud(accounts, knownFraudFromDecisions(decisions)) });

  // 8. find rings: the kinds measured from Spark's integers; the grouping rule and the walk as
  //    numbers; components, the walk and the buckets on Spark; then detection over the buckets
  //    in worker processes
  const kindAggregates = await engine.measureKinds(loaded.kinds.length, config.graph.hubMinAccounts, timer);
  const kinds = kindEvidenceOf(loaded.kinds, kindAggregates, { ...config.kinds, pinned: config.graph.kindWeights });
  const weighting = { hubMinAccounts: config.graph.hubMinAccounts, kindWeights: kindWeightsOf(kinds), linkMinShare: config.graph.linkMinShare, undilutedKinds: undilutedKindsOf(kinds) };
  const kindWeights = kindWeightsByKind(loaded.kinds, weighting.kindWeights);
  const grouping = { kindWeights, hubMinAccounts: weighting.hubMinAccounts, linkMinWeight: linkMinWeightOf(kindWeights, weighting.linkMinShare) };
  const folds = accountFolds(accounts.ids, config.model.folds, config.seed);
  const walk = { ...kindEvidenceByKind(loaded.kinds, weighting), fold: folds, folds: config.model.folds, restart: config.model.proximityRestart, iterations: config.model.proximityIterations };
  const grouped = await engine.group(accounts, grouping, walk, timer);
  record.count({ identifiers: engine.record().identifierIds?.values ?? 0 });
  // approvals can label a night that had no labels
  const totals: NightTotals = { accounts: accounts.ids.length, components: grouped.components, hubs: grouped.hubs, available: { ...loaded.available, labels: accounts.label.some((l) => l !== 0) } };
  const workers = await BucketWorkers.open({
    bucketsDir: grouped.bucketsDir,
    spillDir: join(folder.path, 'work', 'detection'),
    kinds: loaded.kinds,
    weights: weighting,
    restarts: restartCounts(accounts.label, folds, config.model.folds),
    config,
    totals,
    ...(options.workers !== undefined ? { workers: options.workers } : {}),
    log,
  });
  try {
    const found = await detectFromBuckets({ ids: accounts.ids, label: accounts.label, totals }, workers, config, (name, work) => timer.run(name, work));
    record.describeDetection({ kinds, model: found.detection.model, calibration: found.detection.calibration, decision: found.detection.decision });

    // 9. lineage, evidence (in the buckets, for the clusters as lineage named them) and the
    //    rejected accounts screened, as with the local engine
    const previous = await readPreviousRun(stateDir);
    const named = await timer.run('lineage', () => applyLineage(found.detection, accounts.ids, run.runId, previous));
    const keys = await cardKeysOf(stateDir, decisions, panKey.fingerprint);
    if (keys.changedSince.length > 0) {
      log.warn({ runs: keys.changedSince }, 'the card hashing key changed since earlier runs: their card tokens are not compared, so a rejected account is not re-opened for a new card');
    }
    const bundles = await timer.run('evidence', () => evidenceFromBuckets(named.detection, found.bucketOf, workers, config.evidence));
    const { detection, evidence, suppressed, reopened } = screenRejected(named.detection, bundles.evidence, accounts.ids, rejectedEvidence(decisions), keys.comparable, (d, id) => decisionLog.approvedWhen(d, id));
    record.count({ ...detectionCounts(detection), suppressedRejected: suppressed, reopened });
    const result: RunResult = { run, accountIds: accounts.ids, facts: bundles.facts, detection, evidence, lineage: named.lineage, firstSeen: named.firstSeen, previousRunId: previous?.runId ?? null };
    return { detection, result, whole: null };
  } finally {
    workers.close();
    record.describeEngine({ ...engine.record(), ...workers.record() });
  }
}

/**
 * Commit protocol step 5. The run folder is sealed and `latest` already: a sink that fails here
 * does not undo that; the run stays succeeded on disk, and a rerun of the id (or the next night)
 * makes it current.
 */
async function makeCurrent(sinks: readonly Sink[], run: RunInfo, counts: Record<string, number>, log: Logger): Promise<void> {
  try {
    for (const sink of sinks) await sink.finish(run, 'succeeded', counts);
  } catch (err) {
    log.error({ runId: run.runId, error: (err as Error).message.split('\n')[0] }, 'the run is sealed and latest, but a sink could not make it current: rerun the same --run-id, or the next night completes it');
    throw err;
  }
}

/**
 * A rerun of a run id that a killed process had sealed: `latest` has been moved to it (step 3)
 * when it was not, and each sink makes the written result current. Nothing left to do is the
 * old refusal: a succeeded run is history.
 */
async function completeSealedRun(stateDir: string, run: RunInfo, latest: LatestRepair, sinks: readonly Sink[], log: Logger): Promise<NightlyResult> {
  const runPath = join(stateDir, 'runs', run.runId);
  if (latest.latest !== run.runId) throw new UserError(`run ${run.runId} already succeeded in ${join(stateDir, 'runs')}, and a later run is latest; choose another --run-id`);
  const manifest = await readManifest(runPath);
  const completed: string[] = latest.movedTo === run.runId ? ['latest'] : [];
  try {
    for (const sink of sinks) if (sink.complete && (await sink.complete(run, manifest.counts))) completed.push(sink.name);
  } finally {
    await Promise.all(sinks.map((s) => s.close().catch(() => undefined)));
  }
  if (completed.length === 0) throw new UserError(`run ${run.runId} already succeeded in ${join(stateDir, 'runs')}; choose another --run-id`);
  log.warn({ runId: run.runId, completed }, 'the run had been sealed by a process that was killed; what it left undone is done');
  return { manifest, runPath, detection: null, completed };
}

/** Loads the snapshot (whole, or into the engine's parts) with its rejects file, which is closed and counted however loading ends. */
async function loadWithRejects<T>(options: NightlyOptions, normaliser: ConfiguredNormaliser, rejectsPath: string, timer: StageTimer, record: RunRecord, load: (settings: LoadOptions) => Promise<T>): Promise<T> {
  const rejects = new RejectsFile(rejectsPath);
  const progress = options.progress ?? noProgress;
  try {
    return await load({ ...normaliser, rejects, ...inputSettings(options.config.config), onProgress: (table, f) => progress.update(`reading ${table}`, f) }).finally(() => progress.stop());
  } finally {
    await rejects.close();
    record.count({ rejectedRows: rejects.total });
  }
}
