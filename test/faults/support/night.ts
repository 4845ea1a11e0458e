import { readFile, readlink } from 'node:fs/promises';
import { join } from 'node:path';
import { canonicalGraph } from '../../support/canonical-graph.js';
import type { Driver } from 'neo4j-driver';
import { nightly, type NightlyResult } from '../../../pipelines/nightly.js';
import { parseConfig } from '../../../src/config/config.js';
import { createLogger } from '../../../src/log.js';
import { CRASH_AT_ENV, type CrashPoint } from '../../../src/run/crash-point.js';
import { Neo4jDecisionSink } from '../../../src/sinks/neo4j/review-decisions.js';
import { Neo4jSink } from '../../../src/sinks/neo4j/neo4j-sink.js';
import { rows, settings, shape } from '../../support/neo4j-test-server.js';
import { runCli } from '../../support/run-cli.js';

export const config = parseConfig({});

/**
 * Deletes every node and relationship but keeps the schema (the fault tests start many histories;
 * recreating the constraints each time would cost more than the nights).
 */
export async function clear(driver: Driver): Promise<void> {
  await driver.executeQuery('MATCH (n) DETACH DELETE n', {}, { database: settings.database });
}

/** What a night logged: warnings are what the repairs say. */
export interface Captured {
  warnings: string[];
}

/** A night with the Neo4j sink and the review sync, in this process, as `nightly --sink neo4j` runs it. */
export async function neo4jNight(input: string, stateDir: string, runId: string, captured: Captured = { warnings: [] }): Promise<NightlyResult> {
  const lines: string[] = [];
  const log = createLogger({ silent: true });
  log.warn = ((obj: unknown, msg?: string) => void lines.push(typeof obj === 'string' ? obj : (msg ?? ''))) as typeof log.warn;
  try {
    return await nightly({
      input,
      stateDir,
      config,
      runId,
      log,
      allowDevelopmentPanKey: true,
      sinks: [new Neo4jSink(settings, config.config.neo4j, log)],
      openReviewSource: () => Neo4jDecisionSink.open(settings),
    });
  } finally {
    captured.warnings.push(...lines);
  }
}

/** The real `fraud-rings nightly --sink neo4j`, killed (SIGKILL, by itself) at the named crash point. */
export async function killedNight(input: string, stateDir: string, runId: string, point: CrashPoint): Promise<void> {
  const result = await runCli(['nightly', '--input', input, '--out', stateDir, '--run-id', runId, '--sink', 'neo4j'], { [CRASH_AT_ENV]: point });
  if (result.code !== null) throw new Error(`the night was not killed at ${point}: exit ${result.code}: ${result.stderr.slice(-500)}`);
}

/** The run files a clean run makes the same way every time (the manifest and report hold times). */
export const DETERMINISTIC_FILES = ['clusters.csv', 'members.csv', 'candidates.csv', 'hubs.csv', 'lineage.csv', 'clusters.ndjson', 'evidence.ndjson', 'rejects.csv'];

/** Everything a reader of the state folder and the graph sees of a night, to compare two histories. */
export async function observed(driver: Driver, stateDir: string, runId: string): Promise<Record<string, unknown>> {
  const files: Record<string, string> = {};
  for (const file of DETERMINISTIC_FILES) files[file] = await readFile(join(stateDir, 'runs', runId, file), 'utf8');
  const manifest = JSON.parse(await readFile(join(stateDir, 'runs', runId, 'manifest.json'), 'utf8')) as { status: string; counts: Record<string, number> };
  return {
    latest: await readlink(join(stateDir, 'latest')),
    status: manifest.status,
    // what the Neo4j sink sent depends on what the graph already held (rows it finds unchanged
    // are not sent again): the graph itself is compared instead
    counts: Object.fromEntries(Object.entries(manifest.counts).filter(([k]) => !k.startsWith('neo4j.'))),
    files,
    graph: await shape(driver),
    // the lock node is left out (a killed night leaves it held until it expires or is taken
    // over), and so are the run nodes, compared by `runs`: a run made current by the repair
    // carries no counts
    properties: await canonicalGraph(driver, [], { skipLabels: ['PipelineLock', 'PipelineRun'] }),
    runs: await rows(driver, 'MATCH (r:PipelineRun) RETURN r.runId AS run, r.status AS status, r:Current AS current ORDER BY run'),
    currentClusters: await rows(driver, 'MATCH (c:FraudCluster:Current) RETURN c.runId AS run, count(*) AS n ORDER BY run'),
    currentCandidates: await rows(driver, 'MATCH (b:BlacklistCandidate {current: true}) RETURN b.runId AS run, count(*) AS n ORDER BY run'),
  };
}
