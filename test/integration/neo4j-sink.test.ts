import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Driver } from 'neo4j-driver';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nightly } from '../../pipelines/nightly.js';
import { parseConfig, type LoadedConfig } from '../../src/config/config.js';
import { ExitCode, SinkUnavailableError } from '../../src/errors.js';
import { createLogger } from '../../src/log.js';
import type { ConnectionSettings } from '../../src/sinks/neo4j/connection-settings.js';
import { Neo4jSink, type Neo4jSinkHooks } from '../../src/sinks/neo4j/neo4j-sink.js';
import { writeRingSnapshot } from '../support/ring-snapshot.js';
import { count, freePort, requireServer, rows, settings, shape, TcpProxy, wipe, write } from '../support/neo4j-test-server.js';

/**
 * The Neo4j sink against the real local server: counts match the run folder, reruns are
 * idempotent, a failed run never becomes the current result, a rerun of its id completes it,
 * reviewers' decisions survive, and every way of not reaching Neo4j is one clear line.
 */
const log = createLogger({ silent: true });
const dirs: string[] = [];
let driver: Driver;
let snapshot: string;
/** the state folder of the nightly runs, so that lineage sees each previous run */
let state: string;

async function temp(prefix: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  dirs.push(dir);
  return dir;
}

function config(neo4j: Record<string, unknown> = {}): LoadedConfig {
  // small batches so that every statement spans several transactions
  return parseConfig({ neo4j: { scope: 'full', batchSize: 500, concurrency: 3, ...neo4j } });
}

function sink(cfg: LoadedConfig, hooks: Neo4jSinkHooks = {}, connection: ConnectionSettings = settings): Neo4jSink {
  return new Neo4jSink(connection, cfg.config.neo4j, log, { hooks });
}

async function run(runId: string, options: { cfg?: LoadedConfig; hooks?: Neo4jSinkHooks; stateDir?: string; connection?: ConnectionSettings } = {}) {
  const cfg = options.cfg ?? config();
  const stateDir = options.stateDir ?? state;
  const result = await nightly({ input: snapshot, stateDir, config: cfg, runId, log, sinks: [sink(cfg, options.hooks, options.connection)] });
  return { ...result, stateDir };
}

async function csv(runPath: string, file: string): Promise<Record<string, string>[]> {
  return Papa.parse<Record<string, string>>(await readFile(join(runPath, file), 'utf8'), { header: true, skipEmptyLines: true }).data;
}

const currentClusters = 'MATCH (c:FraudCluster:Current) RETURN count(c) AS n';
const currentCandidates = 'MATCH (c:BlacklistCandidate {current: true}) RETURN count(c) AS n';

beforeAll(async () => {
  driver = await requireServer();
  await wipe(driver);
  snapshot = await temp('fraud-rings-snapshot-');
  state = await temp('fraud-rings-state-');
  await writeRingSnapshot(snapshot, { accounts: 3000, seed: 11 });
});

afterAll(async () => {
  await driver?.close();
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

describe('Neo4j sink', () => {
  let first: Awaited<ReturnType<typeof run>>;

  it('writes what the run folder holds, as the current result', async () => {
    first = await run('r1');
    const clusters = await csv(first.runPath, 'clusters.csv');
    const members = await csv(first.runPath, 'members.csv');
    const candidates = await csv(first.runPath, 'candidates.csv');
    const hubs = await csv(first.runPath, 'hubs.csv');
    expect(clusters.length).toBeGreaterThan(5);
    expect(candidates.length).toBeGreaterThan(10);
    expect(hubs.length).toBeGreaterThan(0);

    expect(await count(driver, 'MATCH (c:FraudCluster {runId: $runId}) RETURN count(c) AS n', { runId: 'r1' })).toBe(clusters.length);
    expect(await count(driver, currentClusters)).toBe(clusters.length);
    expect(await count(driver, 'MATCH (:Account)-[m:MEMBER_OF]->(:FraudCluster {runId: $runId}) RETURN count(m) AS n', { runId: 'r1' })).toBe(members.length);
    expect(await count(driver, currentCandidates)).toBe(candidates.length);
    expect(await count(driver, 'MATCH (:BlacklistCandidate {current: true})-[r:CANDIDATE_FOR]->(:Account) RETURN count(r) AS n')).toBe(candidates.length);
    expect(await count(driver, 'MATCH (:PipelineRun {runId: $runId})-[f:FOUND]->(:FraudCluster) RETURN count(f) AS n', { runId: 'r1' })).toBe(clusters.length);

    // the same clusters, members and candidates, not only as many
    const inNeo4j = await rows<{ id: string; score: number; size: number }>(driver, 'MATCH (c:FraudCluster:Current) RETURN c.clusterId AS id, c.score AS score, c.size AS size ORDER BY id');
    expect(inNeo4j).toEqual(clusters.map((c) => ({ id: c.cluster_id, score: Number(c.score), size: Number(c.size) })).sort((a, b) => (a.id < b.id ? -1 : 1)));
    const pairs = await rows<{ c: string; a: string }>(driver, 'MATCH (a:Account)-[:MEMBER_OF]->(c:FraudCluster:Current) RETURN c.clusterId AS c, a.accountId AS a');
    expect(new Set(pairs.map((p) => `${p.c} ${p.a}`))).toEqual(new Set(members.map((m) => `${m.cluster_id} ${m.account_id}`)));
    const flagged = await rows<{ a: string; c: string; s: number; status: string }>(
      driver,
      'MATCH (b:BlacklistCandidate {current: true}) RETURN b.accountId AS a, b.clusterId AS c, b.score AS s, b.status AS status',
    );
    expect(new Set(flagged.map((f) => `${f.a} ${f.c} ${f.s}`))).toEqual(new Set(candidates.map((c) => `${c.account_id} ${c.cluster_id} ${c.score}`)));
    expect(new Set(flagged.map((f) => f.status))).toEqual(new Set(['pending']));

    // the whole graph (scope full), with integers as integers and a kind label on every identifier
    const counts = first.manifest.counts;
    expect(await count(driver, 'MATCH (a:Account) RETURN count(a) AS n')).toBe(counts.accounts);
    expect(await count(driver, 'MATCH (i:Identifier) RETURN count(i) AS n')).toBe(counts.identifiers);
    expect(await count(driver, 'MATCH (i:Identifier) WHERE size([l IN labels(i) WHERE l <> "Hub"]) <> 2 RETURN count(i) AS n')).toBe(0);
    expect(await count(driver, 'MATCH (i:Identifier) WHERE i.hub RETURN count(i) AS n')).toBe(hubs.length);
    expect(await count(driver, 'MATCH (i:Identifier:Hub) WHERE i.hub RETURN count(i) AS n')).toBe(hubs.length);
    expect(await count(driver, 'MATCH (i:Identifier) WHERE COUNT { (i)<-[:USES]-(:Account) } <> i.accountCount RETURN count(i) AS n')).toBe(0);
    expect(await count(driver, "MATCH (:Account)-[u:USES]->(:IP) WHERE u.firstSeen IS :: ZONED DATETIME RETURN count(u) AS n")).toBeGreaterThan(0);
    const kinds = await rows<{ l: string }>(driver, 'MATCH (i:Identifier) UNWIND labels(i) AS l WITH l WHERE NOT l IN ["Identifier", "Hub"] RETURN DISTINCT l ORDER BY l');
    expect(kinds.map((k) => k.l)).toEqual(['Address', 'Device', 'Email', 'IP', 'NationalId', 'PaymentInstrument', 'Phone']);
    expect(await count(driver, "MATCH (a:Account {label: 'fraud'}) RETURN count(a) AS n")).toBeGreaterThan(0);

    const [pipelineRun] = await rows<Record<string, unknown>>(driver, 'MATCH (r:PipelineRun:Current) RETURN r.runId AS runId, r.status AS status, r.clusters AS clusters, r.accounts AS accounts, r.clusters IS :: INTEGER AS integer');
    expect(pipelineRun).toEqual({ runId: 'r1', status: 'succeeded', clusters: clusters.length, accounts: counts.accounts, integer: true });
  });

  it("keeps a reviewer's status through later runs (and keeps :Hub in step with hub)", async () => {
    const [target] = await rows<{ a: string }>(driver, 'MATCH (b:BlacklistCandidate {current: true}) RETURN b.accountId AS a ORDER BY a LIMIT 1');
    await write(driver, "MATCH (b:BlacklistCandidate {accountId: $a}) SET b.status = 'approved', b.reviewer = 'carol'", { a: target!.a });
    // an identifier written as a hub by an earlier night (its rowHash is that night's row) that is no hub tonight
    await write(driver, "MATCH (i:Identifier {hub: false}) WITH i LIMIT 1 SET i:Hub, i.hub = true, i.rowHash = 'written-as-a-hub'");
    await run('r2');
    const [after] = await rows<{ status: string; runId: string }>(driver, 'MATCH (b:BlacklistCandidate {accountId: $a}) RETURN b.status AS status, b.runId AS runId', { a: target!.a });
    expect(after).toEqual({ status: 'approved', runId: 'r2' });
    const hubs = (await csv(first.runPath, 'hubs.csv')).length;
    expect(await count(driver, 'MATCH (i:Identifier:Hub) RETURN count(i) AS n')).toBe(hubs);
  });

  it('a second identical run adds only its own run and cluster versions', async () => {
    const before = await shape(driver);
    const second = await run('r3');
    const after = await shape(driver);
    const clusters = (await csv(second.runPath, 'clusters.csv')).length;
    const members = (await csv(second.runPath, 'members.csv')).length;
    expect(after).toEqual({
      ...before,
      'PipelineRun': before['PipelineRun']! + 1,
      'FraudCluster': before['FraudCluster']! + clusters,
      '-[:FOUND]-': before['-[:FOUND]-']! + clusters,
      '-[:MEMBER_OF]-': before['-[:MEMBER_OF]-']! + members,
    });
    expect(await count(driver, 'MATCH (c:FraudCluster:Current) WHERE c.runId <> $runId RETURN count(c) AS n', { runId: 'r3' })).toBe(0);
    expect(await count(driver, currentClusters)).toBe(clusters);
    expect(await count(driver, 'MATCH (r:PipelineRun:Current) RETURN count(r) AS n')).toBe(1);
    expect((await rows(driver, 'MATCH (r:PipelineRun:Current) RETURN r.runId AS runId, r.previousRunId AS previous'))[0]).toEqual({ runId: 'r3', previous: 'r2' });
    // cluster ids are stable across runs (lineage), so the current versions continue r2's
    expect(await count(driver, "MATCH (c:FraudCluster:Current) WHERE c.lineageEvent <> 'continued' OR c.firstSeenRunId <> 'r1' RETURN count(c) AS n")).toBe(0);
  });

  it("a run that fails after writing clusters leaves the previous run's results current", async () => {
    const currentBefore = await rows<{ key: string }>(driver, 'MATCH (c:FraudCluster:Current) RETURN c.key AS key ORDER BY key');
    const candidatesBefore = await rows(driver, 'MATCH (b:BlacklistCandidate {current: true}) RETURN b.accountId AS a, b.runId AS r, b.score AS s ORDER BY a');
    const failing: Neo4jSinkHooks = {
      afterStatement(statement) {
        if (statement === 'members') throw new Error('simulated crash after members');
      },
    };
    await expect(run('r4', { hooks: failing })).rejects.toThrow('simulated crash after members');

    expect(await rows(driver, 'MATCH (r:PipelineRun {runId: $runId}) RETURN r.status AS status, r:Current AS current', { runId: 'r4' })).toEqual([{ status: 'failed', current: false }]);
    expect(await count(driver, 'MATCH (c:FraudCluster {runId: $runId}) RETURN count(c) AS n', { runId: 'r4' })).toBeGreaterThan(0);
    expect(await rows(driver, 'MATCH (c:FraudCluster:Current) RETURN c.key AS key ORDER BY key')).toEqual(currentBefore);
    expect(await rows(driver, 'MATCH (b:BlacklistCandidate {current: true}) RETURN b.accountId AS a, b.runId AS r, b.score AS s ORDER BY a')).toEqual(candidatesBefore);
    expect((await rows(driver, 'MATCH (r:PipelineRun:Current) RETURN r.runId AS runId'))[0]).toEqual({ runId: 'r3' });
  });

  it('rerunning the failed run id completes it', async () => {
    // the run folder of a failed run keeps its id; the operator moves it aside to rerun the id
    await rm(join(state, 'runs', 'r4'), { recursive: true });
    const rerun = await run('r4');
    const clusters = await csv(rerun.runPath, 'clusters.csv');
    const members = await csv(rerun.runPath, 'members.csv');
    const candidates = await csv(rerun.runPath, 'candidates.csv');
    expect(await rows(driver, 'MATCH (r:PipelineRun:Current) RETURN r.runId AS runId, r.status AS status')).toEqual([{ runId: 'r4', status: 'succeeded' }]);
    expect(await count(driver, 'MATCH (c:FraudCluster:Current {runId: $runId}) RETURN count(c) AS n', { runId: 'r4' })).toBe(clusters.length);
    expect(await count(driver, currentClusters)).toBe(clusters.length);
    expect(await count(driver, 'MATCH (c:FraudCluster {runId: $runId}) RETURN count(c) AS n', { runId: 'r4' })).toBe(clusters.length);
    expect(await count(driver, 'MATCH (:Account)-[m:MEMBER_OF]->(:FraudCluster {runId: $runId}) RETURN count(m) AS n', { runId: 'r4' })).toBe(members.length);
    expect(await count(driver, "MATCH (b:BlacklistCandidate {current: true, runId: 'r4'}) RETURN count(b) AS n")).toBe(candidates.length);
    expect(await count(driver, 'MATCH (b:BlacklistCandidate) WHERE b.stagedRunId IS NOT NULL RETURN count(b) AS n')).toBe(0);
  });

  it('Neo4j going away mid-write fails the run with one clear line, and nothing becomes current', async () => {
    const proxy = await TcpProxy.start(settings);
    const cutAfterAccounts: Neo4jSinkHooks = {
      async afterStatement(statement) {
        if (statement === 'accounts') await proxy.close();
      },
    };
    const error = await run('r5', { cfg: config({ retrySeconds: 2 }), hooks: cutAfterAccounts, connection: { ...settings, uri: proxy.uri } }).then(
      () => null,
      (err: unknown) => err,
    );
    expect(error).toBeInstanceOf(SinkUnavailableError);
    expect((error as Error).message).toBe(`lost the connection to Neo4j at ${proxy.uri} while writing clusters: connection refused`);
    expect((await rows(driver, 'MATCH (r:PipelineRun:Current) RETURN r.runId AS runId'))[0]).toEqual({ runId: 'r4' });
    expect(await count(driver, 'MATCH (c:FraudCluster {runId: $runId}) RETURN count(c) AS n', { runId: 'r5' })).toBe(0);
  });

  it('scope clusters writes the neighbourhood of the results, hubs included and marked', async () => {
    await wipe(driver);
    const result = await run('s1', { cfg: config({ scope: 'clusters' }), stateDir: await temp('fraud-rings-state-') });
    const counts = result.manifest.counts;
    const accounts = await count(driver, 'MATCH (a:Account) RETURN count(a) AS n');
    expect(accounts).toBeLessThan(counts.accounts / 2);
    expect(accounts).toBeGreaterThan(0);
    // every member, every fraud-labelled account, every identifier they use with all its accounts
    expect(await count(driver, 'MATCH (:Account)-[m:MEMBER_OF]->(:FraudCluster:Current) RETURN count(m) AS n')).toBe(counts.members);
    expect(await count(driver, 'MATCH (a:Account)-[:MEMBER_OF]->(:FraudCluster) MATCH (a)-[:USES]->(i:Identifier) WHERE i.hub RETURN count(DISTINCT i) AS n')).toBeGreaterThan(0);
    expect(await count(driver, 'MATCH (i:Identifier) WHERE COUNT { (i)<-[:USES]-(:Account) } <> i.accountCount RETURN count(i) AS n')).toBe(0);
    const labelled = await csv(snapshot, 'labels.csv');
    const fraud = labelled.filter((l) => l.label === 'fraud').map((l) => l.account_id);
    expect(await count(driver, "MATCH (a:Account {label: 'fraud'}) WHERE a.accountId IN $ids RETURN count(a) AS n", { ids: fraud })).toBe(fraud.length);
  });
});

describe('Neo4j sink connection failures', () => {
  it('an unreachable port is one clear line', async () => {
    const port = await freePort();
    const s = sink(config(), {}, { ...settings, uri: `bolt://127.0.0.1:${port}` });
    const error = await s.open({ runId: 'x', startedAt: new Date().toISOString(), configHash: 'h', version: 'v' }).then(() => null, (e: unknown) => e);
    await s.close();
    expect(error).toBeInstanceOf(SinkUnavailableError);
    expect((error as Error).message).toBe(`cannot reach Neo4j at bolt://127.0.0.1:${port}: connection refused`);
  });

  it('a missing database is named', async () => {
    const s = sink(config(), {}, { ...settings, database: 'nosuchdatabase' });
    const error = await s.open({ runId: 'x', startedAt: new Date().toISOString(), configHash: 'h', version: 'v' }).then(() => null, (e: unknown) => e);
    await s.close();
    expect(error).toBeInstanceOf(SinkUnavailableError);
    expect((error as Error).message).toMatch(/^Neo4j at bolt:\/\/\S+ has no database nosuchdatabase/);
  });

  it('a wrong password is refused without showing it', async () => {
    const password = 'Wrong-Password-4711';
    const s = sink(config(), {}, { ...settings, password });
    const error = await s.open({ runId: 'x', startedAt: new Date().toISOString(), configHash: 'h', version: 'v' }).then(() => null, (e: unknown) => e);
    await s.close();
    expect(error).toBeInstanceOf(SinkUnavailableError);
    expect((error as Error).message).toBe(`Neo4j refused the credentials for user ${settings.user} (check NEO4J_USER and NEO4J_PASSWORD)`);
    expect((error as Error).message).not.toContain(password);
  });

  async function cli(env: Record<string, string>) {
    const state = await temp('fraud-rings-cli-');
    const child = spawn('npx', ['tsx', 'src/cli/main.ts', 'nightly', '--input', snapshot, '--out', state, '--sink', 'neo4j'], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    // log records are JSON lines; what a person reads is the rest
    const lines = stderr.split('\n').filter((l) => l.trim() !== '');
    const human = lines.filter((l) => !l.startsWith('{'));
    return { code, stdout, stderr, human };
  }

  it('the CLI exits 5 with one line when the port is unreachable', async () => {
    const port = await freePort();
    const { code, stderr, human } = await cli({ NEO4J_URI: `bolt://127.0.0.1:${port}` });
    expect(code).toBe(ExitCode.sinkUnavailable);
    expect(human).toEqual([`fraud-rings: cannot reach Neo4j at bolt://127.0.0.1:${port}: connection refused`]);
    expect(stderr).not.toMatch(/^\s+at /m);
  });

  it('the CLI exits 5 with one line, and no password, when the password is wrong', async () => {
    const password = 'Another-Wrong-0815';
    const { code, stdout, stderr, human } = await cli({ NEO4J_PASSWORD: password, NEO4J_URI: settings.uri });
    expect(code).toBe(ExitCode.sinkUnavailable);
    expect(human).toEqual([`fraud-rings: Neo4j refused the credentials for user ${settings.user} (check NEO4J_USER and NEO4J_PASSWORD)`]);
    expect(stderr).not.toMatch(/^\s+at /m);
    expect(stderr + stdout).not.toContain(password);
  });
});
