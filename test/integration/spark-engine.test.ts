import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { nightly } from '../../pipelines/nightly.js';
import { parseConfig } from '../../src/config/config.js';
import type { EngineChoice } from '../../src/engine/open-engine.js';
import { buildSparkTool } from '../../src/engine/spark/spark-tool.js';
import { createLogger } from '../../src/log.js';
import { RunManifestSchema } from '../../src/run/manifest.js';
import { messages, runCli, type CliResult } from '../support/run-cli.js';
import { tempDir } from '../support/temp-dir.js';
import { worldSnapshot } from '../support/world-snapshot.js';

// The Spark engine in local mode (local[2]), as CI runs it: the same answer as the local engine,
// and a failure that is exit 5 with one line and no succeeded run. Each night starts its own
// Spark driver (a JVM), which is most of this file's time.
const log = createLogger({ silent: true });
const config = parseConfig({});
const spark: EngineChoice = { name: 'spark', master: 'local[2]', conf: {} };
const outputs = ['clusters.csv', 'members.csv', 'candidates.csv', 'evidence.ndjson'];
const root = fileURLToPath(new URL('../..', import.meta.url));
const env = { FRAUD_RINGS_ALLOW_DEV_PAN_KEY: '1' };

beforeAll(async () => {
  await buildSparkTool(); // built once (Maven) before any night times out on it
}, 600_000);

async function sameOutputs(world: 'current' | 'giant-component', accounts: number, seed: number): Promise<void> {
  const snapshot = await worldSnapshot(world, { accounts, seed });
  const local = await nightly({ input: snapshot.dir, stateDir: await tempDir(), config, runId: 'local', log, allowDevelopmentPanKey: true });
  const onSpark = await nightly({ input: snapshot.dir, stateDir: await tempDir(), config, runId: 'spark', log, allowDevelopmentPanKey: true, engine: spark });
  for (const file of outputs) {
    const expected = await readFile(join(local.runPath, file));
    expect(expected.length).toBeGreaterThan(0);
    expect((await readFile(join(onSpark.runPath, file))).equals(expected), `${file} differs between the engines`).toBe(true);
  }
  // the walk to known fraud ran on Spark, in whole mass units: the same proximity to the bit
  const proximity = (night: typeof local) => night.detection!.accountRisk.proximity!;
  expect(Buffer.from(proximity(onSpark).buffer).equals(Buffer.from(proximity(local).buffer)), 'proximity differs between the engines').toBe(true);
  expect(proximity(local).some((p) => p > 0)).toBe(true);
  // the kinds were counted by Spark's first pass: the same integers, so the same weights
  expect(onSpark.manifest.detection!.kinds).toEqual(local.manifest.detection!.kinds);
  expect(onSpark.manifest.detection!.kinds.some((k) => k.sharedValues > 0 && k.hubs > 0)).toBe(true);
  // the Spark night says where it ran, and leaves no work folder in the run
  const engine = onSpark.manifest.engine!;
  expect(engine).toMatchObject({ name: 'spark', master: 'local[2]', componentsAlgorithm: 'graphx' });
  expect(engine.applicationId).toMatch(/^local-\d+$/);
  expect(engine.measureApplicationId).toMatch(/^local-\d+$/);
  // Spark's counts: the same hubs, and every count of the night the same
  expect(engine.identifiers!.hubs).toBe(local.manifest.counts.hubs);
  expect(onSpark.manifest.counts).toEqual(local.manifest.counts);
  expect(engine.identifiers!.grouping).toBeGreaterThan(0);
  expect(engine.identifierIds!.values).toBeGreaterThan(accounts);
  expect(engine.identifierIds!.collisions).toBe(0);
  // the snapshot streamed into the parts; detection ran in workers over the job's buckets, every account in one
  expect(onSpark.manifest.stages.map((s) => s.stage)).toEqual(expect.arrayContaining(['spark: load to parts', 'spark: measure', 'spark: job', 'communities', 'fit', 'score', 'evidence']));
  expect(onSpark.manifest.stages.map((s) => s.stage)).not.toContain('load snapshot');
  expect(engine.buckets!.reduce((n, b) => n + b.accounts, 0)).toBe(accounts);
  expect(existsSync(join(onSpark.runPath, 'work'))).toBe(false);
  expect(local.manifest.engine).toEqual({ name: 'local' });
}

describe('nightly --engine spark (local[2])', () => {
  it('gives byte-identical outputs to the local engine on a 20k-account snapshot', () => sameOutputs('current', 20_000, 1), 600_000);

  it('gives byte-identical outputs to the local engine on a giant-component world', () => sameOutputs('giant-component', 20_000, 3), 600_000);
});

/** A run that failed: sealed failed with the error, nothing succeeded, `latest` never made. */
async function expectFailedRun(state: string, runId: string, result: CliResult, reason: RegExp): Promise<void> {
  expect(result.code).toBe(5);
  const lines = messages(result.stderr);
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(reason);
  const manifest = RunManifestSchema.parse(JSON.parse(await readFile(join(state, 'runs', runId, 'manifest.json'), 'utf8')));
  expect(manifest.status).toBe('failed');
  expect(manifest.error!.exitCode).toBe(5);
  expect(existsSync(join(state, 'latest'))).toBe(false);
  expect(existsSync(join(state, 'runs', runId, 'work'))).toBe(false);
  expect(existsSync(join(state, 'runs', runId, 'clusters.csv'))).toBe(false);
}

/** A CLI night on the Spark engine, once its driver JVM (the nightly's child) has been running for a moment. */
async function startSparkNight(state: string, runId: string): Promise<{ pid: number; driver: number; code: Promise<number | null>; stderr: () => string }> {
  const args = ['--import', 'tsx', 'src/cli/main.ts', 'nightly', '--input', 'data-samples/sample', '--out', state, '--run-id', runId, '--dev-pan-key', '--engine', 'spark', '--spark-master', 'local[2]'];
  const child = spawn(process.execPath, args, { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  child.stdout.resume();
  const code = new Promise<number | null>((resolve) => child.on('close', resolve));
  let driver: number | null = null;
  while (driver === null && child.exitCode === null) {
    await new Promise((r) => setTimeout(r, 200));
    const ps = spawnSync('ps', ['-o', 'pid=,args=', '--ppid', String(child.pid)], { encoding: 'utf8' });
    const line = ps.stdout.split('\n').find((l) => l.includes('fraudrings.sparkengine.SparkEngine'));
    if (line) driver = Number(line.trim().split(/\s+/)[0]);
  }
  expect(driver).not.toBeNull();
  await new Promise((r) => setTimeout(r, 1500));
  return { pid: child.pid!, driver: driver!, code, stderr: () => stderr };
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('a Spark failure', () => {
  it('is exit 5 with one line for a master Spark cannot parse, and the run is sealed failed', async () => {
    const state = await tempDir();
    const result = await runCli(['nightly', '--input', 'data-samples/sample', '--out', state, '--run-id', 'bad-master', '--dev-pan-key', '--engine', 'spark', '--spark-master', 'nowhere://x'], env);
    await expectFailedRun(state, 'bad-master', result, /^fraud-rings: the Spark job failed \(exit 1\): Could not parse Master URL: 'nowhere:\/\/x'$/);
  }, 300_000);

  it('is exit 5 with one line when the driver is killed mid-job', async () => {
    const state = await tempDir();
    const night = await startSparkNight(state, 'killed');
    process.kill(night.driver, 'SIGKILL');
    await expectFailedRun(state, 'killed', { code: await night.code, stdout: '', stderr: night.stderr() }, /^fraud-rings: the Spark job was killed \(SIGKILL\)$/);
  }, 300_000);

  it('stops the driver when the nightly process itself is killed', async () => {
    const night = await startSparkNight(await tempDir(), 'orphan');
    process.kill(night.pid, 'SIGKILL');
    await night.code;
    // the driver's stdin pipe closed with its parent: it halts instead of running on for nobody
    const deadline = Date.now() + 5_000; // the job itself runs for much longer than this
    while (isAlive(night.driver) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    expect(isAlive(night.driver)).toBe(false);
  }, 300_000);

  it('is exit 5 with one line when there is no java to run it', async () => {
    const state = await tempDir();
    const result = await runCli(['nightly', '--input', 'data-samples/sample', '--out', state, '--run-id', 'no-java', '--dev-pan-key', '--engine', 'spark'], { ...env, JAVA_HOME: '/nonexistent/jdk' });
    await expectFailedRun(state, 'no-java', result, /^fraud-rings: cannot run \/nonexistent\/jdk\/bin\/java for the Spark engine \(ENOENT\): install a JDK 17 or set JAVA_HOME$/);
  }, 300_000);
});
