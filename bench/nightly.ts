/**
 * npm run bench [-- --accounts 1000000 --seed 1 --sink files|neo4j]
 *
 * Generates a snapshot with planted rings (once, cached under bench-data/), runs the built
 * `fraud-rings nightly` on it in a child process, and prints wall time and peak RSS per stage,
 * plus detection quality against the planted truth. A benchmark, not a test: it asserts nothing.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
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
  },
});
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
const cli = resolve('dist/src/cli/main.js');
const started = performance.now();
const { code, maxRssKb } = await run(process.execPath, ['--max-semi-space-size=64', cli, 'nightly', '--input', data, '--out', state, '--run-id', 'bench', '--dev-pan-key', '--sink', values.sink!]);
const wall = (performance.now() - started) / 1000;
if (code !== 0) {
  console.error(`nightly exited ${code}`);
  process.exit(1);
}
const manifest = await readManifest(join(state, 'runs', 'bench'));
console.log(`\nnightly on ${accounts} accounts: ${wall.toFixed(1)} s wall (process), peak RSS ${Math.round(maxRssKb / 1024)} MB`);
console.log(formatTable(['stage', 'ms', 'peak RSS MB (so far)'], manifest.stages.map((s) => [s.stage, s.ms, s.peakRssMb])));
const neo4jStage = manifest.stages.find((s) => s.stage === 'write neo4j');
if (neo4jStage) {
  const rows = Object.entries(manifest.counts).filter(([k]) => k.startsWith('neo4j.'));
  const total = rows.reduce((n, [, v]) => n + v, 0);
  console.log(`neo4j: ${total} rows in ${(neo4jStage.ms / 1000).toFixed(1)} s = ${Math.round(total / (neo4jStage.ms / 1000))} rows/s (${rows.map(([k, v]) => `${k.slice(6)} ${v}`).join(', ')})`);
}
console.log(formatEvaluation(await evaluateRun(join(state, 'runs', 'bench'), join(data, 'truth.csv'))));

/** Runs a command through /usr/bin/time when present, to read the child's peak RSS. */
function run(command: string, args: string[]): Promise<{ code: number; maxRssKb: number }> {
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
      resolvePromise({ code: code ?? 1, maxRssKb: match ? Number(match[1]) : 0 });
    });
  });
}
