import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { nightly } from '../../pipelines/nightly.js';
import { parseConfig } from '../../src/config/config.js';
import type { EngineChoice } from '../../src/engine/open-engine.js';
import { buildSparkTool } from '../../src/engine/spark/spark-tool.js';
import { createLogger } from '../../src/log.js';
import { BUCKET_CRASH_ENV } from '../../src/run/crash-point.js';
import { RunManifestSchema } from '../../src/run/manifest.js';
import { messages, runCli } from '../support/run-cli.js';
import { tempDir } from '../support/temp-dir.js';
import { worldSnapshot } from '../support/world-snapshot.js';

// Detection in worker processes over the Spark job's buckets (--engine spark --workers N): each
// phase of each bucket runs in a child process that loads the bucket alone, and the run files are
// byte for byte the local engine's. Each Spark night starts two JVMs (about a minute here).
const log = createLogger({ silent: true });
const spark: EngineChoice = { name: 'spark', master: 'local[2]', conf: {} };
// clusters.ndjson names each cluster's shared identifiers: the buckets' identifiers translated to the night's
const outputs = ['clusters.csv', 'members.csv', 'candidates.csv', 'evidence.ndjson', 'clusters.ndjson'];

beforeAll(async () => {
  await buildSparkTool();
}, 600_000);

afterEach(() => {
  delete process.env[BUCKET_CRASH_ENV];
});

async function expectSameFiles(local: string, workers: string): Promise<void> {
  for (const file of outputs) {
    const expected = await readFile(join(local, file));
    expect(expected.length).toBeGreaterThan(0);
    expect((await readFile(join(workers, file))).equals(expected), `${file} differs between the local engine and the workers`).toBe(true);
  }
}

async function nightOn(input: string, runId: string, workers?: number, raw: object = {}) {
  return nightly({ input, stateDir: await tempDir(), config: parseConfig(raw), runId, log, allowDevelopmentPanKey: true, ...(workers ? { engine: spark, workers } : {}) });
}

describe('nightly --engine spark --workers', () => {
  it('writes the local engine\'s files with 2 workers and with 1 on the demo sample', async () => {
    const input = 'data-samples/sample';
    // one run id for all: clusters.ndjson names the run a cluster was first seen in
    const local = await nightOn(input, 'night');
    for (const workers of [2, 1]) {
      const night = await nightOn(input, 'night', workers);
      await expectSameFiles(local.runPath, night.runPath);
      expect(night.manifest.detection).toEqual(local.manifest.detection);
      const engine = night.manifest.engine!;
      expect(engine.workers).toBe(workers);
      expect(engine.buckets!.length).toBeGreaterThan(1);
      expect(engine.buckets!.reduce((n, b) => n + b.accounts, 0)).toBe(local.manifest.counts.accounts);
      expect(engine.buckets!.every((b) => b.attempts === 1 && b.ms > 0)).toBe(true);
      expect(existsSync(join(night.runPath, 'work'))).toBe(false);
    }
  }, 600_000);

  it('writes the local engine\'s files on a 20k giant-component world with the samples drawn, a killed worker\'s bucket run again alone', async () => {
    const snapshot = await worldSnapshot('giant-component', { accounts: 20_000, seed: 5 });
    const capped = { model: { maxTrainingAccounts: 1000, maxGroupedTrainingAccounts: 1000 } };
    const local = await nightOn(snapshot.dir, 'night', undefined, capped);
    expect((await readFile(join(local.runPath, 'candidates.csv'), 'utf8')).split('\n').length).toBeGreaterThan(100);
    // the worker of bucket 0 is killed (SIGKILL) in the apply phase, the first time
    process.env[BUCKET_CRASH_ENV] = 'apply:0';
    const night = await nightOn(snapshot.dir, 'night', 2, capped);
    await expectSameFiles(local.runPath, night.runPath);
    expect(night.manifest.detection).toEqual(local.manifest.detection);
    const buckets = night.manifest.engine!.buckets!;
    expect(buckets[0]!.attempts).toBe(2);
    expect(buckets.slice(1).every((b) => b.attempts === 1)).toBe(true);
  }, 600_000);

  it('fails the night as an engine failure (exit 5, one line) when a bucket\'s worker dies twice', async () => {
    const state = await tempDir();
    const result = await runCli(['nightly', '--input', 'data-samples/sample', '--out', state, '--run-id', 'dies', '--dev-pan-key', '--engine', 'spark', '--spark-master', 'local[2]', '--workers', '2'], { [BUCKET_CRASH_ENV]: 'map:1:always' });
    expect(result.code).toBe(5);
    const lines = messages(result.stderr);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/bucket=1 failed twice \(map\).*signal SIGKILL/);
    const manifest = RunManifestSchema.parse(JSON.parse(await readFile(join(state, 'runs', 'dies', 'manifest.json'), 'utf8')));
    expect(manifest.status).toBe('failed');
    expect(manifest.error!.exitCode).toBe(5);
    expect(existsSync(join(state, 'latest'))).toBe(false);
    expect(existsSync(join(state, 'runs', 'dies', 'work'))).toBe(false);
    expect(existsSync(join(state, 'runs', 'dies', 'clusters.csv'))).toBe(false);
  }, 600_000);

  it('refuses --workers without --engine spark (exit 2)', async () => {
    const result = await runCli(['nightly', '--input', 'data-samples/sample', '--out', await tempDir(), '--dev-pan-key', '--workers', '2']);
    expect(result.code).toBe(2);
    expect(messages(result.stderr)[0]).toMatch(/--workers goes with --engine spark/);
  }, 120_000);
});
