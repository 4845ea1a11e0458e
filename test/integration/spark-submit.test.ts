import { spawn } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildSparkTool } from '../../src/engine/spark/spark-tool.js';
import { RunManifestSchema } from '../../src/run/manifest.js';
import { messages, runCli } from '../support/run-cli.js';
import { tempDir } from '../support/temp-dir.js';
import { worldSnapshot } from '../support/world-snapshot.js';

// `nightly --engine spark --spark-submit <path>` with a real Spark distribution: pyspark's, from
// PyPI, unpacked once into ~/.cache/fraud-rings/ by tools/spark-engine/distribution.mjs (the first
// fetch is 318 MB). spark-submit provides Spark; only the job's jar is shipped.
const env = { FRAUD_RINGS_ALLOW_DEV_PAN_KEY: '1' };
const root = fileURLToPath(new URL('../..', import.meta.url));
// they say when the run was made and how long each stage took
const timed = new Set(['manifest.json', 'report.html']);
let sparkSubmit = '';

/** The fetched distribution's spark-submit (fetched on the first run). */
function fetchDistribution(): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(root, 'tools', 'spark-engine', 'distribution.mjs')], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve((JSON.parse(stdout) as { sparkSubmit: string }).sparkSubmit) : reject(new Error(`distribution.mjs failed (exit ${code}): ${stderr.trim()}`))));
  });
}

beforeAll(async () => {
  await buildSparkTool();
  sparkSubmit = await fetchDistribution();
}, 600_000);

async function night(input: string, engine: string[]): Promise<string> {
  const state = await tempDir();
  const result = await runCli(['nightly', '--input', input, '--out', state, '--run-id', 'night', '--dev-pan-key', ...engine], env);
  expect(result.code, messages(result.stderr).join('\n')).toBe(0);
  return join(state, 'runs', 'night');
}

describe('nightly --engine spark --spark-submit (a Spark distribution, local[2])', () => {
  it('writes byte-identical run files to --engine local on a 3k-account world, and names the master and application', async () => {
    const snapshot = await worldSnapshot('current', { accounts: 3000, seed: 2 });
    const local = await night(snapshot.dir, []);
    const submitted = await night(snapshot.dir, ['--engine', 'spark', '--spark-master', 'local[2]', '--spark-submit', sparkSubmit]);
    const files = (await readdir(local)).filter((f) => !timed.has(f)).sort();
    expect(files).toEqual(expect.arrayContaining(['clusters.csv', 'members.csv', 'candidates.csv', 'evidence.ndjson', 'hubs.csv', 'lineage.csv']));
    expect((await readdir(submitted)).filter((f) => !timed.has(f)).sort()).toEqual(files);
    for (const file of files) {
      const expected = await readFile(join(local, file));
      expect((await readFile(join(submitted, file))).equals(expected), `${file} differs between the engines`).toBe(true);
    }
    expect((await readFile(join(local, 'clusters.csv'), 'utf8')).trim().split('\n').length).toBeGreaterThan(1);

    const manifest = RunManifestSchema.parse(JSON.parse(await readFile(join(submitted, 'manifest.json'), 'utf8')));
    expect(manifest.status).toBe('succeeded');
    const engine = manifest.engine!;
    expect(engine).toMatchObject({ name: 'spark', master: 'local[2]', componentsAlgorithm: 'graphx' });
    expect(engine.applicationId).toMatch(/^local-\d+$/);
    expect(engine.measureApplicationId).toMatch(/^local-\d+$/);
    expect(engine.measureApplicationId).not.toBe(engine.applicationId);
    // spark-submit execs into the driver's JVM, which in local mode is the whole job: read, not guessed
    expect(engine.jvmPeakRssMb).toBeGreaterThan(200);
    expect(engine.jvmCpuSeconds).toBeGreaterThan(1);
  }, 600_000);

  it('is exit 5 with one line when the spark-submit is not there', async () => {
    const state = await tempDir();
    const result = await runCli(['nightly', '--input', 'data-samples/sample', '--out', state, '--run-id', 'no-submit', '--dev-pan-key', '--engine', 'spark', '--spark-submit', '/nonexistent/bin/spark-submit'], env);
    expect(result.code).toBe(5);
    expect(messages(result.stderr)).toEqual([
      "fraud-rings: cannot run /nonexistent/bin/spark-submit for the Spark engine (ENOENT): give a Spark distribution's bin/spark-submit (node tools/spark-engine/distribution.mjs fetches one)",
    ]);
  }, 300_000);
});
