/**
 * npm run bench [-- --accounts 1000000 --seed 1 --sink files|neo4j --scope clusters|full
 *                    --config file.json --run-id bench --data snapshot-folder]
 *
 * Generates a snapshot with planted rings (once, cached under bench-data/), runs the built
 * `fraud-rings nightly` on it in a child process, and prints wall time and peak RSS per stage,
 * plus detection quality against the planted truth. A benchmark, not a test: it asserts nothing.
 *
 * With `--sink neo4j` it also prints each Neo4j statement's rows, time and rows/s. `--scope`
 * overrides `neo4j.scope` of the config (default: the config's, `clusters`). The Neo4j database is
 * left as the run leaves it: a first write needs an empty one (`npm run neo4j:reset`), and running
 * the bench again measures a rerun (the same `--run-id`) or the next night (another one).
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { formatTable } from '../src/cli/format-table.js';
import { evaluateRun, formatEvaluation } from '../src/evaluate/evaluate-run.js';
import { generateSnapshot } from '../src/generate/generate-snapshot.js';
import { readManifest } from '../src/run/run-files.js';

const { values } = parseArgs({
  options: {
    accounts: { type: 'string', default: '1000000' },
    seed: { type: 'string', default: '1' },
    sink: { type: 'string', default: 'files' },
    data: { type: 'string' },
    scope: { type: 'string' },
    config: { type: 'string' },
    'run-id': { type: 'string', default: 'bench' },
  },
});
if (values.scope !== undefined && values.scope !== 'full' && values.scope !== 'clusters') {
  console.error(`--scope must be full or clusters, not ${values.scope}`);
  process.exit(2);
}
const runId = values['run-id']!;
const accounts = Number(values.accounts);
const seed = Number(values.seed);
const data = resolve(values.data ?? join('bench-data', `snapshot-${accounts}-${seed}`));
const state = resolve(join('bench-data', `state-${accounts}-${seed}-${values.sink}`));

if (!existsSync(join(data, 'truth.csv'))) {
  const started = performance.now();
  await mkdir(data, { recursive: true });
  const summary = await generateSnapshot({ accounts, seed, out: data });
  console.log(`generated ${accounts} accounts (seed ${seed}) in ${((performance.now() - started) / 1000).toFixed(1)} s: ${JSON.stringify(summary)}`);
}

await rm(state, { recursive: true, force: true });
await mkdir(state, { recursive: true });
const configArgs: string[] = [];
if (values.config !== undefined || values.scope !== undefined) {
  const config = values.config === undefined ? {} : (JSON.parse(await readFile(values.config, 'utf8')) as { neo4j?: Record<string, unknown> });
  if (values.scope !== undefined) config.neo4j = { ...config.neo4j, scope: values.scope };
  const file = join(state, 'bench-config.json');
  await writeFile(file, JSON.stringify(config, null, 2));
  configArgs.push('--config', file);
}
const cli = resolve('dist/src/cli/main.js');
const started = performance.now();
const { code, maxRssKb, statements } = await run(process.execPath, ['--max-semi-space-size=64', cli, 'nightly', '--input', data, '--out', state, '--run-id', runId, '--sink', values.sink!, ...configArgs]);
const wall = (performance.now() - started) / 1000;
if (code !== 0) {
  console.error(`nightly exited ${code}`);
  process.exit(1);
}
const manifest = await readManifest(join(state, 'runs', runId));
console.log(`\nnightly on ${accounts} accounts: ${wall.toFixed(1)} s wall (process), peak RSS ${Math.round(maxRssKb / 1024)} MB`);
console.log(formatTable(['stage', 'ms', 'peak RSS MB (so far)'], manifest.stages.map((s) => [s.stage, s.ms, s.peakRssMb])));
const neo4jStage = manifest.stages.find((s) => s.stage === 'write neo4j');
if (neo4jStage) {
  const rows = Object.entries(manifest.counts).filter(([k]) => k.startsWith('neo4j.'));
  const total = rows.reduce((n, [, v]) => n + v, 0);
  console.log(`neo4j: ${total} rows in ${(neo4jStage.ms / 1000).toFixed(1)} s = ${Math.round(total / (neo4jStage.ms / 1000))} rows/s (${rows.map(([k, v]) => `${k.slice(6)} ${v}`).join(', ')})`);
  if (statements.length > 0) {
    console.log(formatTable(['statement', 'rows', 'ms', 'rows/s', 'batches', 'retries'], statements.map((s) => [s.statement, s.rows, s.ms, s.rowsPerSecond, s.batches, s.retries])));
  }
}
console.log(formatEvaluation(await evaluateRun(join(state, 'runs', runId), join(data, 'truth.csv'))));

interface StatementLog {
  statement: string;
  rows: number;
  ms: number;
  rowsPerSecond: number;
  batches: number;
  retries: number;
}

/** The Neo4j sink's per-statement log records (JSON lines on stderr). */
function statementLogs(stderr: string): StatementLog[] {
  const out: StatementLog[] = [];
  for (const line of stderr.split('\n')) {
    if (!line.startsWith('{') || !line.includes('"rowsPerSecond"')) continue;
    try {
      const record = JSON.parse(line) as Partial<StatementLog> & { sink?: string };
      if (record.sink === 'neo4j' && typeof record.statement === 'string') out.push(record as StatementLog);
    } catch {
      // not a log record
    }
  }
  return out;
}

/** Runs a command through /usr/bin/time when present, to read the child's peak RSS. */
function run(command: string, args: string[]): Promise<{ code: number; maxRssKb: number; statements: StatementLog[] }> {
  const timed = existsSync('/usr/bin/time');
  return new Promise((resolvePromise, reject) => {
    const child = timed
      ? spawn('/usr/bin/time', ['-f', 'MAXRSS_KB=%M', command, ...args], { stdio: ['ignore', 'inherit', 'pipe'] })
      : spawn(command, args, { stdio: ['ignore', 'inherit', 'pipe'] });
    let stderr = '';
    child.stderr!.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => {
      const match = /MAXRSS_KB=(\d+)/.exec(stderr);
      if (code !== 0) process.stderr.write(stderr.split('\n').filter((l) => !l.startsWith('{')).join('\n'));
      resolvePromise({ code: code ?? 1, maxRssKb: match ? Number(match[1]) : 0, statements: statementLogs(stderr) });
    });
  });
}
