import { spawn } from 'node:child_process';
import { delimiter, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { KindAggregates } from '../../detect/kind-aggregates.js';
import { EngineUnavailableError } from '../../errors.js';
import { commandLine, cpuSeconds, peakRssKb } from '../../run/process-usage.js';
import type { SparkTool } from './spark-tool.js';

export interface SparkSettings {
  /** `local[*]`, `local[2]`, `spark://host:7077`, `yarn`, `k8s://…` */
  master: string;
  /** a spark-submit to run the job with (a Spark distribution); without it, `java -cp` in the driver's JVM */
  submit?: string;
  /** `--spark-conf k=v`, in the order given */
  conf: Record<string, string>;
}

export interface SparkJobArguments {
  links: string;
  accounts: string;
  /** the identifier values (identifier, kind, value), which the buckets carry with each link */
  identifierValues: string;
  out: string;
  checkpoint: string;
  /** where Spark keeps its scratch files in local mode */
  scratch: string;
  kindWeights: readonly number[];
  hubMinAccounts: number;
  linkMinWeight: number;
  buckets: number;
  /** proximity to known fraud; its accounts' labels also go into the buckets */
  walk: SparkWalkArguments;
}

export interface SparkWalkArguments {
  transactions: string;
  walkAccounts: string;
  /** by kind id: the evidence of a shared value (nats), and whether it thins out past a few accounts */
  kindEvidence: readonly number[];
  dilutes: readonly boolean[];
  restart: number;
  iterations: number;
  folds: number;
}

/** What both passes report. */
interface SparkPassResult {
  applicationId: string;
  master: string;
  /** the pass's own steps, in ms */
  ms: Record<string, number>;
  /** the peak resident memory of the job's JVM: java -cp, or spark-submit's driver on a local master in client mode; else null */
  jvmPeakRssMb: number | null;
  /** the CPU seconds (user + system) the job's JVM used, as last read before it exited (as jvmPeakRssMb) */
  jvmCpuSeconds: number | null;
}

export interface SparkMeasureArguments {
  links: string;
  out: string;
  scratch: string;
  hubMinAccounts: number;
  /** how many kinds kinds.json names: every kind gets aggregates, zero when no link has it */
  kinds: number;
}

export interface SparkMeasureResult extends SparkPassResult {
  /** by kind id */
  kinds: KindAggregates[];
}

export interface SparkJobResult extends SparkPassResult {
  componentsAlgorithm: string;
  /** distinct (identifier, kind, value) in the identifier values parts */
  identifierValues: number;
  /** of those, how many share their identifier id with another (values − distinct ids) */
  identifierCollisions: number;
  identifiers: number;
  hubs: number;
  groupingIdentifiers: number;
  components: number;
  accounts: number;
  buckets: number;
}

const MAIN_CLASS = 'fraudrings.sparkengine.SparkEngine';
const RESULT_PREFIX = 'SPARK_ENGINE_RESULT ';

/**
 * Spark on Java 17 reaches into JDK internals; spark-submit adds these itself (Spark's
 * JavaModuleOptions), `java -cp` must say them.
 */
const JAVA_17_OPTIONS = [
  '-XX:+IgnoreUnrecognizedVMOptions',
  ...['java.lang', 'java.lang.invoke', 'java.lang.reflect', 'java.io', 'java.net', 'java.nio', 'java.util', 'java.util.concurrent', 'java.util.concurrent.atomic', 'jdk.internal.ref', 'sun.nio.ch', 'sun.nio.cs', 'sun.security.action', 'sun.util.calendar'].map(
    (p) => `--add-opens=java.base/${p}=ALL-UNNAMED`,
  ),
  '-Djdk.reflect.useDirectMethodHandle=false',
];

/**
 * Settings for local mode that a caller's `--spark-conf` may override: no web UI (two jobs on one
 * machine would race for port 4040), the driver on the loopback address, and few shuffle
 * partitions (Spark's 200 are for clusters; adaptive execution merges small ones anyway).
 */
const LOCAL_DEFAULTS: Record<string, string> = {
  'spark.ui.enabled': 'false',
  'spark.driver.host': '127.0.0.1',
  'spark.driver.bindAddress': '127.0.0.1',
  'spark.sql.shuffle.partitions': '16',
};

/**
 * The first pass: accounts per identifier (kept in `out/counts/` for the second) and the integer
 * aggregates per kind that tonight's kind weights are measured from.
 */
export function runSparkMeasure(tool: SparkTool, settings: SparkSettings, args: SparkMeasureArguments): Promise<SparkMeasureResult> {
  const jobArgs = ['--pass', 'measure', '--links', args.links, '--out', args.out, '--hub-min-accounts', String(args.hubMinAccounts), '--kinds', String(args.kinds)];
  return runPass(tool, settings, args.scratch, jobArgs);
}

/** The second pass: the grouping rule on the measured weights, components, buckets. Any failure is an EngineUnavailableError with one line. */
export function runSparkJob(tool: SparkTool, settings: SparkSettings, args: SparkJobArguments): Promise<SparkJobResult> {
  const jobArgs = [
    '--pass', 'components',
    '--links', args.links,
    '--accounts', args.accounts,
    '--out', args.out,
    '--checkpoint', args.checkpoint,
    '--kind-weights', args.kindWeights.map(String).join(','), // shortest round-trip form: Java parses the same doubles
    '--hub-min-accounts', String(args.hubMinAccounts),
    '--link-min-weight', String(args.linkMinWeight),
    '--buckets', String(args.buckets),
    '--identifier-values', args.identifierValues,
    '--transactions', args.walk.transactions,
    '--walk-accounts', args.walk.walkAccounts,
    '--kind-evidence', args.walk.kindEvidence.map(String).join(','),
    '--dilutes', args.walk.dilutes.map((d) => (d ? '1' : '0')).join(','),
    '--restart', String(args.walk.restart),
    '--iterations', String(args.walk.iterations),
    '--folds', String(args.walk.folds),
  ]; // prettier-ignore
  return runPass(tool, settings, args.scratch, jobArgs);
}

function runPass<T extends SparkPassResult>(tool: SparkTool, settings: SparkSettings, scratch: string, jobArgs: string[]): Promise<T> {
  const command = settings.submit ? submitCommand(tool, settings, scratch, jobArgs) : javaCommand(tool, settings, scratch, jobArgs);
  return run<T>(command);
}

/** `java -cp jar:lib/*` with Spark's settings as system properties (SparkConf reads spark.*). */
interface Command {
  program: string;
  args: string[];
  env: NodeJS.ProcessEnv;
  /** the program is (or execs into) the job's JVM, so its peak memory and CPU time are the job's */
  measuresJvm: boolean;
  /** when the program execs into the JVM: readings count only once its command line has this */
  jvmCommandLine?: string;
}

function javaCommand(tool: SparkTool, settings: SparkSettings, scratch: string, jobArgs: string[]): Command {
  const conf: Record<string, string> = { ...LOCAL_DEFAULTS, 'spark.local.dir': scratch, ...settings.conf };
  // the driver is this JVM: its memory is the JVM's heap, which must be set before it starts
  const memory = conf['spark.driver.memory'];
  const java = process.env.JAVA_HOME ? join(process.env.JAVA_HOME, 'bin', 'java') : 'java';
  return {
    program: java,
    args: [
      ...(memory ? [`-Xmx${memory}`] : []),
      ...JAVA_17_OPTIONS,
      ...Object.entries(conf).map(([k, v]) => `-D${k}=${v}`),
      '-cp', [tool.jar, join(tool.lib, '*')].join(delimiter),
      MAIN_CLASS,
      '--master', settings.master,
      ...jobArgs,
    ], // prettier-ignore
    // the driver binds to the loopback address without first warning that the host name resolves to it
    // the job stops when this process's end closes its stdin (see spawn below)
    env: { SPARK_LOCAL_IP: '127.0.0.1', SPARK_ENGINE_EXIT_WITH_STDIN: '1', ...process.env },
    measuresJvm: true,
  };
}

/**
 * spark-submit provides Spark; only the job's jar is shipped. On a local master it gets the same
 * local defaults and scratch folder as `java -cp`; in client mode (the default) the driver logs
 * with the job's own log4j2.properties (Spark's own default is every INFO line). Its script execs
 * the driver's JVM in client mode, so the child is the JVM; `measuresJvm` then reads it (see run).
 */
function submitCommand(tool: SparkTool, settings: SparkSettings, scratch: string, jobArgs: string[]): Command {
  const local = isLocalMaster(settings.master);
  const client = (settings.conf['spark.submit.deployMode'] ?? 'client') === 'client';
  const conf: Record<string, string> = { ...(local ? { ...LOCAL_DEFAULTS, 'spark.local.dir': scratch } : {}), ...settings.conf };
  if (client) {
    const logConfig = `-Dlog4j2.configurationFile="jar:${pathToFileURL(tool.jar).href}!/log4j2.properties"`;
    conf['spark.driver.extraJavaOptions'] = [logConfig, settings.conf['spark.driver.extraJavaOptions']].filter(Boolean).join(' ');
  }
  return {
    program: settings.submit!,
    args: [
      '--class', MAIN_CLASS,
      '--master', settings.master,
      ...Object.entries(conf).flatMap(([k, v]) => ['--conf', `${k}=${v}`]),
      tool.jar,
      ...jobArgs,
    ], // prettier-ignore
    env: { ...(local ? { SPARK_LOCAL_IP: '127.0.0.1' } : {}), SPARK_ENGINE_EXIT_WITH_STDIN: '1', ...process.env },
    // in local mode the driver's JVM is the whole job; on a cluster it is not (and in cluster mode not here)
    measuresJvm: local && client,
    jvmCommandLine: 'org.apache.spark.deploy.SparkSubmit',
  };
}

/** `local`, `local[4]`, `local[*]`, `local[2,3]`: the driver's JVM runs the executors too. */
function isLocalMaster(master: string): boolean {
  return master === 'local' || master.startsWith('local[');
}

function run<T extends SparkPassResult>({ program, args, env, measuresJvm, jvmCommandLine }: Command): Promise<T> {
  return new Promise((resolve, reject) => {
    // stdin is a pipe this process never writes to: it closes when this process ends however it
    // ends (SIGKILL included), which stops the job rather than leaving it running for nobody
    const child = spawn(program, args, { env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    const stderrTail: string[] = [];
    let peakKb = 0;
    let jvmCpu = 0;
    // VmHWM is the process's own peak: the last reading before it exits is the peak; its CPU
    // time likewise (at most one poll interval short). A script that execs into the JVM
    // (spark-submit) is read only once it has: before, it is bash and the launcher's JVM is its child.
    const poll = async (pid: number) => {
      if (jvmCommandLine !== undefined && !(await commandLine(pid)).includes(jvmCommandLine)) return;
      const [kb, s] = await Promise.all([peakRssKb(pid), cpuSeconds(pid)]);
      peakKb = Math.max(peakKb, kb);
      jvmCpu = Math.max(jvmCpu, s);
    };
    const watch = measuresJvm && child.pid !== undefined ? setInterval(() => void poll(child.pid!), 250) : null;
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => {
      for (const line of d.toString().split('\n')) if (line.trim() !== '') stderrTail.push(line);
      if (stderrTail.length > 200) stderrTail.splice(0, stderrTail.length - 200);
    });
    child.on('error', (err: NodeJS.ErrnoException) => {
      if (watch) clearInterval(watch);
      const hint = jvmCommandLine === undefined ? 'install a JDK 17 or set JAVA_HOME' : "give a Spark distribution's bin/spark-submit (node tools/spark-engine/distribution.mjs fetches one)";
      reject(new EngineUnavailableError(`cannot run ${program} for the Spark engine (${err.code ?? err.message}): ${hint}`, { cause: err }));
    });
    child.on('close', (code, signal) => {
      if (watch) clearInterval(watch);
      const line = stdout.split('\n').find((l) => l.startsWith(RESULT_PREFIX));
      if (code === 0 && line) {
        const result = JSON.parse(line.slice(RESULT_PREFIX.length)) as Omit<T, 'jvmPeakRssMb' | 'jvmCpuSeconds'>;
        return resolve({ ...result, jvmPeakRssMb: peakKb > 0 ? Math.round(peakKb / 1024) : null, jvmCpuSeconds: jvmCpu > 0 ? Math.round(jvmCpu * 10) / 10 : null } as T);
      }
      const why = signal ? `was killed (${signal})` : `failed (exit ${code})`;
      reject(new EngineUnavailableError(`the Spark job ${why}${reasonOf(stderrTail)}`));
    });
  });
}

/** The job's own one-line reason, else the last exception Spark logged. */
function reasonOf(stderr: readonly string[]): string {
  const own = [...stderr].reverse().find((l) => l.startsWith('spark-engine: '));
  if (own) return `: ${own.slice('spark-engine: '.length)}`;
  const thrown = [...stderr].reverse().find((l) => /^(Exception|Caused by|[\w.$]+(Exception|Error))\b/.test(l));
  return thrown ? `: ${thrown}` : '';
}
