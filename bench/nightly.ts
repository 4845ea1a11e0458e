/**
 * npm run bench [-- --accounts 1000000 --seed 1 --sink files|neo4j]
 * npm run bench -- --growth 1000000,4000000,10000000 [--seed 13]
 * npm run bench -- --sink neo4j [--scope clusters|full] [--config file.json] [--run-id bench]
 * npm run bench -- --sink neo4j-import [--run-id bench]
 * npm run bench -- --formats [--styles iso,iso-ms,offset+messy] [--accounts 1000000]
 * npm run bench -- --engine spark [--spark-master local[2]] [--spark-conf k=v ...] [--accounts N | --growth ...]
 *
 * Generates a snapshot with planted rings (once, cached under bench-data/), runs the built
 * `fraud-rings nightly` on it in a child process, and prints wall time, CPU time and peak RSS
 * per stage, plus detection quality against the planted truth. With --growth it does that for
 * each size in turn and ends with a growth table. A benchmark, not a test: it asserts nothing.
 * The machine's load average is printed with every run: numbers from a busy machine are not
 * comparable with those from an idle one.
 *
 * With `--sink neo4j` it also prints each Neo4j statement's rows, time and rows/s, and, when the
 * server is the local one (`.neo4j/neo4j.pid`, or under `$NEO4J_LOCAL_HOME`), the server's CPU
 * seconds over the run and rows per server CPU second. `--scope`
 * overrides `neo4j.scope` of the config (default: the config's, `clusters`). The Neo4j database is
 * left as the run leaves it: a first write needs an empty one (`npm run neo4j:reset`), and running
 * the bench again measures a rerun (the same `--run-id`) or the next night (another one). A
 * night that finds rows unchanged in Neo4j (their rowHash) does not send them: it prints the rows
 * sent and the rows of the scope, each over the `write neo4j` stage.
 *
 * With `--sink neo4j-import` the night writes the import files (bench-data/import-…), then
 * `tools/neo4j-local/import.mjs` stops the local server, imports them into a new database, starts
 * it and applies the migrations: it prints each step's time and rows/s, and the total. The
 * database is replaced: the first write of scope `full` through the import.
 *
 * With `--formats` it runs the format matrix: the same world written in each timestamp and value
 * style of `generate` (cached under bench-data/ per style), and for each, in the same bench run,
 * the naive pass (bench/naive-pass.ts: readline, split, Maps, union-find) over the same files,
 * then the nightly run. It ends with a table of both, and each style's load against the fastest.
 *
 * With `--engine spark` the nightly runs its global steps on Spark (local mode unless
 * `--spark-master` says otherwise). The stage table's CPU and peak columns are the Node
 * process's own; a line after it gives the Spark JVM's peak RSS and CPU seconds and the job's
 * own steps, and the growth table gains both peaks.
 */
import { spawn } from 'node:child_process';
import { createReadStream, existsSync } from 'node:fs';
import { mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { formatTable } from '../src/cli/format-table.js';
import { evaluateRun, formatEvaluation } from '../src/evaluate/evaluate-run.js';
import { generateSnapshot } from '../src/generate/generate-snapshot.js';
import { cpuSeconds } from '../src/run/process-usage.js';
import { readManifest } from '../src/run/run-files.js';
import { defaultStyle, isDefaultStyle, styleName, timestampStyles, type SnapshotStyle, type TimestampStyle } from '../src/generate/style/snapshot-style.js';

const { values } = parseArgs({
  options: {
    accounts: { type: 'string', default: '1000000' },
    growth: { type: 'string' },
    seed: { type: 'string', default: '1' },
    sink: { type: 'string', default: 'files' },
    data: { type: 'string' },
    scope: { type: 'string' },
    config: { type: 'string' },
    'run-id': { type: 'string', default: 'bench' },
    formats: { type: 'boolean', default: false },
    styles: { type: 'string' },
    engine: { type: 'string', default: 'local' },
    'spark-master': { type: 'string' },
    'spark-conf': { type: 'string', multiple: true },
  },
});
if (values.engine !== 'local' && values.engine !== 'spark') {
  console.error(`--engine must be local or spark, not ${values.engine}`);
  process.exit(2);
}
const engineArgs =
  values.engine === 'spark'
    ? ['--engine', 'spark', ...(values['spark-master'] ? ['--spark-master', values['spark-master']] : []), ...(values['spark-conf'] ?? []).flatMap((kv) => ['--spark-conf', kv])]
    : [];
if (values.scope !== undefined && values.scope !== 'full' && values.scope !== 'clusters') {
  console.error(`--scope must be full or clusters, not ${values.scope}`);
  process.exit(2);
}
/** The local server's pid file (`npm run neo4j:start`); a server elsewhere is not measured. */
const localServerPidFile = join(process.env.NEO4J_LOCAL_HOME ?? '.neo4j', 'neo4j.pid');

const runId = values['run-id']!;
const seed = Number(values.seed);
const sizes = (values.growth ?? values.accounts!).split(',').map((s) => Number(s.replace(/_/g, '')));
if (sizes.some((n) => !Number.isInteger(n) || n <= 0)) {
  console.error(`--accounts / --growth take whole numbers of accounts, got ${values.growth ?? values.accounts}`);
  process.exit(2);
}
if (values.data && sizes.length > 1) {
  console.error('--data names one snapshot; it cannot be combined with --growth');
  process.exit(2);
}

/** The format matrix: every timestamp style, then the value style and the CSV layout on ISO timestamps. */
const MATRIX = [...timestampStyles.map((t) => t as string), 'iso+messy', 'iso+quoted+crlf'];
const styles = values.formats || values.styles !== undefined ? (values.styles?.split(',') ?? MATRIX).map(parseStyle) : [defaultStyle];
if (styles.length > 1 && sizes.length > 1) {
  console.error('--formats measures one size; it cannot be combined with --growth');
  process.exit(2);
}
if (values.data && styles.some((style) => !isDefaultStyle(style))) {
  console.error('--data names one snapshot; --formats writes its own');
  process.exit(2);
}

/** `iso`, `offset+messy`, `iso+quoted+crlf` (styleName's spelling) back to a style. */
function parseStyle(name: string): SnapshotStyle {
  const [timestamps, ...rest] = name.split('+');
  if (!(timestampStyles as readonly string[]).includes(timestamps!) || rest.some((part) => !['messy', 'quoted', 'crlf'].includes(part))) {
    console.error(`--styles: ${name} is not a style (a timestamp style, ${timestampStyles.join(', ')}, then optionally +messy, +quoted, +crlf)`);
    process.exit(2);
  }
  return { timestamps: timestamps as TimestampStyle, values: rest.includes('messy') ? 'messy' : 'plain', quoteAll: rest.includes('quoted'), crlf: rest.includes('crlf') };
}

interface Result {
  accounts: number;
  identifierRows: number;
  wall: number;
  cpu: number;
  peakMb: number;
  loadMs: number;
  loadCpuMs: number;
  loadAvg: string;
  style: string;
  identifiersMb: number;
  naive: { wall: number; cpu: number; peakMb: number } | null;
  /** the Node process's own peak (the stages' largest); `peakMb` is /usr/bin/time's, which counts the Spark JVM it waited for */
  nodePeakMb: number;
  jvmPeakMb: number | null;
  jvmCpu: number | null;
}
const results: Result[] = [];
for (const accounts of sizes) for (const style of styles) results.push(await bench(accounts, style));

if (styles.length > 1) {
  const fastest = Math.min(...results.map((r) => r.loadMs));
  const fastestCpu = Math.min(...results.map((r) => r.loadCpuMs));
  console.log(`\nformat matrix (${results[0]!.accounts} accounts, seed ${seed}, sink ${values.sink}); each row: the naive pass, then the nightly run, on the same files`);
  console.log(
    formatTable(
      ['style', 'identifiers.csv MB', 'load snapshot s', 'load ÷ fastest', 'load CPU s', 'load CPU ÷ fastest', 'nightly wall s', 'nightly CPU s', 'peak RSS MB', 'naive wall s', 'naive CPU s', 'naive peak MB', 'nightly ÷ naive (wall)', 'load avg at start'],
      results.map((r) => [
        r.style,
        r.identifiersMb,
        (r.loadMs / 1000).toFixed(1),
        (r.loadMs / fastest).toFixed(2),
        (r.loadCpuMs / 1000).toFixed(1),
        (r.loadCpuMs / fastestCpu).toFixed(2),
        r.wall.toFixed(1),
        r.cpu.toFixed(1),
        r.peakMb,
        r.naive ? r.naive.wall.toFixed(1) : '',
        r.naive ? r.naive.cpu.toFixed(1) : '',
        r.naive ? r.naive.peakMb : '',
        r.naive ? (r.wall / r.naive.wall).toFixed(2) : '',
        r.loadAvg,
      ]),
    ),
  );
}

if (sizes.length > 1) {
  const base = results[0]!;
  console.log(`\ngrowth (seed ${seed}, sink ${values.sink}, engine ${values.engine})`);
  const spark = values.engine === 'spark';
  console.log(
    formatTable(
      ['accounts', 'identifier rows', 'wall s', 'CPU s', 'peak RSS MB', ...(spark ? ['Node peak MB', 'Spark JVM peak MB', 'Spark JVM CPU s'] : []), 'load snapshot s', `wall ×${base.accounts / 1e6}M`, 'load avg (1/5/15 min) at start'],
      results.map((r) => [
        r.accounts,
        r.identifierRows,
        r.wall.toFixed(1),
        r.cpu.toFixed(1),
        r.peakMb,
        ...(spark ? [r.nodePeakMb, r.jvmPeakMb ?? '', r.jvmCpu ?? ''] : []),
        (r.loadMs / 1000).toFixed(1),
        (r.wall / base.wall).toFixed(2),
        r.loadAvg,
      ]),
    ),
  );
}

async function bench(requested: number, style: SnapshotStyle): Promise<Result> {
  // the default style keeps the folder name it always had, so that its cached snapshot is reused
  const styled = isDefaultStyle(style) ? '' : `-${styleName(style)}`;
  const data = resolve(values.data ?? join('bench-data', `snapshot-${requested}-${seed}${styled}`));
  const state = resolve(join('bench-data', `state-${values.data ? 'data' : `${requested}-${seed}`}-${values.sink}${values.engine === 'spark' ? '-spark' : ''}`));
  if (!existsSync(join(data, 'truth.csv'))) {
    const started = performance.now();
    await mkdir(data, { recursive: true });
    const summary = await generateSnapshot({ accounts: requested, seed, out: data, style });
    console.log(`generated ${requested} accounts (seed ${seed}, ${styleName(style)}) in ${((performance.now() - started) / 1000).toFixed(1)} s: ${JSON.stringify(summary)}`);
  }
  let naive: Result['naive'] = null;
  if (styles.length > 1) {
    const naiveStarted = performance.now();
    const pass = await run(process.execPath, [resolve('dist/bench/naive-pass.js'), data]);
    if (pass.code !== 0) {
      console.error(`the naive pass exited ${pass.code}`);
      process.exit(1);
    }
    naive = { wall: (performance.now() - naiveStarted) / 1000, cpu: pass.cpuSeconds, peakMb: Math.round(pass.maxRssKb / 1024) };
    console.log(`\nnaive pass on ${styleName(style)}: ${naive.wall.toFixed(1)} s wall, ${naive.cpu.toFixed(1)} s CPU, peak RSS ${naive.peakMb} MB`);
  }

  // an existing snapshot (--data) has as many accounts as its accounts.csv holds rows
  const accounts = values.data ? ((await csvRows(join(data, 'accounts.csv'))) ?? requested) : requested;
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
  const loadAvg = loadavg().map((l) => l.toFixed(1)).join(' / ');
  const serverCpuBefore = await serverCpuSeconds();
  const started = performance.now();
  // V8's default heap (about 4 GB here) holds the interned strings of about 5M accounts; past
  // that the run needs a larger one, as README.md says for production runs
  const heapMb = Math.max(4096, Math.ceil(accounts / 1e6) * 1024 + 2048);
  const importDir = resolve(join('bench-data', `import-${requested}-${seed}`));
  if (values.sink === 'neo4j-import') await rm(importDir, { recursive: true, force: true });
  const importArgs = values.sink === 'neo4j-import' ? ['--import-dir', importDir] : [];
  const { code, maxRssKb, cpuSeconds, statements } = await run(process.execPath, ['--max-semi-space-size=64', `--max-old-space-size=${heapMb}`, cli, 'nightly', '--input', data, '--out', state, '--run-id', runId, '--dev-pan-key', '--sink', values.sink!, ...importArgs, ...engineArgs, ...configArgs]);
  const wall = (performance.now() - started) / 1000;
  const serverCpuAfter = await serverCpuSeconds();
  if (code !== 0) {
    console.error(`nightly exited ${code}`);
    process.exit(1);
  }
  const manifest = await readManifest(join(state, 'runs', runId));
  console.log(`\nnightly on ${accounts} accounts (${styleName(style)}): ${wall.toFixed(1)} s wall, ${cpuSeconds.toFixed(1)} s CPU (process), peak RSS ${Math.round(maxRssKb / 1024)} MB; load average at start ${loadAvg}, at end ${loadavg().map((l) => l.toFixed(1)).join(' / ')}`);
  console.log(formatTable(['stage', 'wall ms', 'CPU ms', 'RSS MB at end', 'peak RSS MB (so far)'], manifest.stages.map((s) => [s.stage, s.ms, s.cpuMs ?? '', s.rssMb ?? '', s.peakRssMb])));
  const nodePeakMb = Math.max(0, ...manifest.stages.map((s) => s.peakRssMb));
  const engine = manifest.engine;
  if (engine?.name === 'spark') {
    const steps = Object.entries(engine.jobMs ?? {}).map(([step, ms]) => `${step} ${(ms / 1000).toFixed(1)} s`).join(', ');
    console.log(`Spark (${engine.master ?? '?'}, ${engine.applicationId ?? '?'}): JVM peak RSS ${engine.jvmPeakRssMb ?? '?'} MB, JVM CPU ${engine.jvmCpuSeconds ?? '?'} s; Node peak RSS ${nodePeakMb} MB; the job's steps: ${steps}`);
  }
  const neo4jStage = manifest.stages.find((s) => s.stage === 'write neo4j');
  if (neo4jStage) {
    const rows = Object.entries(manifest.counts).filter(([k]) => k.startsWith('neo4j.'));
    const count = (k: string): number => manifest.counts[`neo4j.${k}`] ?? 0;
    // sent: graph rows and clean-up rows the statements carried; the scope: the graph rows the
    // night stands for, sent or found unchanged in Neo4j (dropUnseenUses rows are no graph rows)
    const graphRows = ['identifiers', 'accounts', 'uses', 'clusters', 'candidates', 'members', 'candidateFor'];
    const total = [...graphRows, 'dropUnseenUses'].reduce((n, k) => n + count(k), 0);
    const scope = graphRows.reduce((n, k) => n + count(k), 0) + count('identifiersUnchanged') + count('accountsUnchanged') + count('usesUnchanged');
    const seconds = neo4jStage.ms / 1000;
    console.log(`neo4j: ${total} rows sent in ${seconds.toFixed(1)} s = ${Math.round(total / seconds)} rows/s; the scope's ${scope} graph rows over the same time = ${Math.round(scope / seconds)} rows/s (${rows.map(([k, v]) => `${k.slice(6)} ${v}`).join(', ')})`);
    if (serverCpuBefore !== null && serverCpuAfter !== null) {
      const cpu = serverCpuAfter - serverCpuBefore;
      console.log(`neo4j server CPU over the whole run: ${cpu.toFixed(1)} s = ${Math.round(total / cpu)} rows per server CPU second (the local server, ${localServerPidFile})`);
    }
    if (statements.length > 0) {
      // rows are graph rows: `accounts` writes each account with its USES relationships
      console.log(formatTable(['statement', 'rows', 'ms', 'rows/s', 'batches', 'retries'], statements.map((s) => [s.statement, s.rows, s.ms, s.rowsPerSecond, s.batches, s.retries])));
    }
  }
  const importStage = manifest.stages.find((s) => s.stage === 'write neo4j-import');
  if (importStage) await measureImport(importDir, importStage.ms, manifest.counts);
  console.log(formatEvaluation(await evaluateRun(join(state, 'runs', runId), join(data, 'truth.csv'))));
  return {
    accounts,
    identifierRows: (manifest.counts.links ?? 0) + (manifest.counts.placeholderRows ?? 0),
    wall,
    cpu: cpuSeconds,
    peakMb: Math.round(maxRssKb / 1024),
    loadMs: manifest.stages.find((s) => s.stage === 'load snapshot')?.ms ?? 0,
    loadCpuMs: manifest.stages.find((s) => s.stage === 'load snapshot')?.cpuMs ?? 0,
    loadAvg,
    style: styleName(style),
    identifiersMb: Math.round((await stat(join(data, 'identifiers.csv')).then((s) => s.size).catch(() => 0)) / 2 ** 20),
    naive,
    nodePeakMb,
    jvmPeakMb: engine?.jvmPeakRssMb ?? null,
    jvmCpu: engine?.jvmCpuSeconds ?? null,
  };
}

/** The import of the night's files into the local server (tools/neo4j-local/import.mjs), timed by step. */
async function measureImport(dir: string, filesMs: number, counts: Record<string, number>): Promise<void> {
  const rows = ['identifiers', 'accounts', 'uses', 'clusters', 'members', 'candidates'].reduce((n, k) => n + (counts[`neo4j-import.${k}`] ?? 0), 0);
  const loadAvg = loadavg().map((l) => l.toFixed(1)).join(' / ');
  const child = spawn(process.execPath, [resolve('tools/neo4j-local/import.mjs'), dir], { stdio: ['ignore', 'pipe', 'inherit'] });
  let stdout = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  const code = await new Promise<number | null>((done) => child.on('close', done));
  if (code !== 0) {
    console.error(`the import exited ${code}`);
    process.exit(1);
  }
  const times = JSON.parse(stdout.trim().split('\n').pop()!) as { stopMs: number; importMs: number; startMs: number; migrationsMs: number };
  const steps: Array<[string, number]> = [
    ['import files written (write neo4j-import)', filesMs],
    ['neo4j-admin database import full', times.importMs],
    ['server start', times.startMs],
    ['constraints and indexes (migrations)', times.migrationsMs],
  ];
  const totalMs = steps.reduce((n, [, ms]) => n + ms, 0);
  console.log(`\nneo4j import of ${rows} graph rows (load average at the import ${loadAvg}; stopping the server before it: ${times.stopMs} ms, not counted)`);
  console.log(formatTable(['step', 'ms', 'rows/s'], [...steps, ['total', totalMs] as [string, number]].map(([step, ms]) => [step, ms, Math.round(rows / (ms / 1000))])));
}

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
    if (!line.startsWith('{') || !line.includes('"sink":"neo4j"')) continue;
    try {
      const record = JSON.parse(line) as Partial<StatementLog>;
      if (typeof record.statement === 'string' && typeof record.rowsPerSecond === 'number') out.push(record as StatementLog);
    } catch {
      // not a log record
    }
  }
  return out;
}

/** Runs a command through /usr/bin/time when present, to read the child's peak RSS and CPU time. */
function run(command: string, args: string[]): Promise<{ code: number; maxRssKb: number; cpuSeconds: number; statements: StatementLog[] }> {
  const timed = existsSync('/usr/bin/time');
  return new Promise((resolvePromise, reject) => {
    const child = timed
      ? spawn('/usr/bin/time', ['-f', 'MAXRSS_KB=%M CPU_S=%U+%S', command, ...args], { stdio: ['ignore', 'inherit', 'pipe'] })
      : spawn(command, args, { stdio: ['ignore', 'inherit', 'pipe'] });
    let stderr = '';
    child.stderr!.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => {
      const rss = /MAXRSS_KB=(\d+)/.exec(stderr);
      const cpu = /CPU_S=([\d.]+)\+([\d.]+)/.exec(stderr);
      if (code !== 0) process.stderr.write(stderr.split('\n').filter((l) => !l.startsWith('{')).join('\n'));
      resolvePromise({ code: code ?? 1, maxRssKb: rss ? Number(rss[1]) : 0, cpuSeconds: cpu ? Number(cpu[1]) + Number(cpu[2]) : 0, statements: statementLogs(stderr) });
    });
  });
}

/**
 * CPU seconds (user + system) the local Neo4j process has used so far, or null when it is not
 * running here. On a shared machine wall time swings with the load; the server's CPU does not.
 */
async function serverCpuSeconds(): Promise<number | null> {
  if (values.sink !== 'neo4j' || !existsSync(localServerPidFile)) return null;
  const pid = Number((await readFile(localServerPidFile, 'utf8').catch(() => '')).trim());
  const seconds = Number.isInteger(pid) && pid > 0 ? await cpuSeconds(pid) : 0;
  return seconds > 0 ? seconds : null;
}

/** Data rows of a CSV file (lines after the header; no quoted line breaks), or null when it is not there. */
async function csvRows(path: string): Promise<number | null> {
  if (!existsSync(path)) return null;
  let lines = 0;
  let last = 0x0a;
  for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) {
    for (let at = chunk.indexOf(0x0a); at !== -1; at = chunk.indexOf(0x0a, at + 1)) lines++;
    last = chunk[chunk.length - 1]!;
  }
  return Math.max(0, lines + (last === 0x0a ? 0 : 1) - 1);
}
