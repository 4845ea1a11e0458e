import { Option, type Command } from 'commander';
import { nightly } from '../../pipelines/nightly.js';
import { loadConfig } from '../config/config.js';
import { createLogger } from '../log.js';
import { noProgress, terminalProgress } from '../run/progress.js';
import { connectionSettingsFromEnv } from '../sinks/neo4j/connection-settings.js';
import { Neo4jDecisionSink } from '../sinks/neo4j/review-decisions.js';
import { Neo4jSink } from '../sinks/neo4j/neo4j-sink.js';
import { Neo4jImportSink } from '../sinks/neo4j-import/neo4j-import-sink.js';
import { formatRunSummary, formatValidation } from './run-summary.js';
import { validate } from '../../pipelines/validate.js';
import { checkRunId } from '../run/run-id.js';
import { checkStateFolder } from '../run/state-folder.js';
import { UserError } from '../errors.js';

interface NightlyCliOptions {
  input: string;
  out: string;
  config?: string;
  map?: string;
  runId?: string;
  sink: string;
  importDir?: string;
  dryRun: boolean;
  devPanKey: boolean;
  engine: 'local' | 'spark';
  sparkMaster: string;
  sparkSubmit?: string;
  sparkConf: Record<string, string>;
  workers?: number;
}

/** `--workers <n>`: a whole number of processes, 1 or more. */
function parseWorkers(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new UserError(`--workers takes a whole number of processes, 1 or more, not ${value}`);
  return n;
}

/** `--spark-conf k=v`, repeated: a later value for the same key wins, as in spark-submit. */
function collectSparkConf(value: string, previous: Record<string, string>): Record<string, string> {
  const eq = value.indexOf('=');
  if (eq <= 0) throw new UserError(`--spark-conf takes key=value, not ${value}`);
  return { ...previous, [value.slice(0, eq)]: value.slice(eq + 1) };
}

export function register(program: Command): void {
  program
    .command('nightly')
    .description('run the nightly job: load a snapshot, find rings, write the run folder (and Neo4j)')
    .requiredOption('--input <dir>', 'snapshot folder (accounts, identifiers, transactions, labels)')
    .requiredOption('--out <dir>', 'state folder: runs/<run-id>/ and latest are written here')
    .option('--config <file>', 'JSON config file (defaults apply to everything left out)')
    .option('--map <file>', 'JSON mapping of the export\'s files to the snapshot tables (the config\'s input.tables, in a file of its own)')
    .option('--run-id <id>', 'id for this run (default: the UTC start time)')
    .addOption(new Option('--sink <sink>', 'where results go besides the run folder').choices(['files', 'neo4j', 'neo4j-import']).default('files'))
    .option('--import-dir <dir>', 'with --sink neo4j-import: an empty folder for the neo4j-admin import files of the whole graph (a first write into an empty database)')
    .option('--dry-run', 'validate the config and the snapshot, write nothing', false)
    .option('--dev-pan-key', 'hash card numbers with the public development key when FRAUD_RINGS_PAN_KEY is not set (demos and tests only)', false)
    .addOption(new Option('--engine <engine>', 'where the global steps (accounts per identifier, components) run: this process, or Apache Spark').choices(['local', 'spark']).default('local'))
    .option('--spark-master <url>', 'the Spark master (--engine spark): local[*], local[2], spark://host:7077, yarn, k8s://…', 'local[*]')
    .option('--spark-submit <path>', 'run the Spark job with this spark-submit (a Spark distribution) instead of java in local mode')
    .addOption(new Option('--spark-conf <k=v>', 'a Spark setting (repeatable), e.g. spark.driver.memory=8g').argParser(collectSparkConf).default({}, 'none'))
    .addOption(new Option('--workers <n>', 'with --engine spark: detection in this many worker processes at once, one Spark bucket each (default: the number of cores)').argParser(parseWorkers))
    .action(async (opts: NightlyCliOptions) => {
      if (opts.runId !== undefined) checkRunId(opts.runId);
      const verbose = program.opts<{ verbose: boolean }>().verbose;
      const terminal = process.stderr.isTTY === true;
      const log = createLogger({ verbose, pretty: terminal });
      const config = await loadConfig(opts.config, opts.map);
      if (opts.dryRun) {
        process.stdout.write(formatValidation(await validate(opts.input, config, undefined, opts.devPanKey)));
        return;
      }
      await checkStateFolder(opts.out);
      // the Neo4j sinks write from the whole snapshot and graph, which the Spark engine never holds in this process
      if (opts.engine === 'spark' && opts.sink !== 'files') throw new UserError(`--engine spark writes the run folder only; --sink ${opts.sink} needs --engine local`);
      if (opts.workers !== undefined && opts.engine !== 'spark') throw new UserError('--workers goes with --engine spark: the workers load the Spark job\'s buckets');
      if ((opts.sink === 'neo4j-import') !== (opts.importDir !== undefined)) throw new UserError('--import-dir goes with --sink neo4j-import, and --sink neo4j-import needs --import-dir');
      const importSink = opts.importDir !== undefined ? new Neo4jImportSink(opts.importDir, connectionSettingsFromEnv().database, log) : null;
      const sinks = opts.sink === 'neo4j' ? [new Neo4jSink(connectionSettingsFromEnv(), config.config.neo4j, log)] : importSink ? [importSink] : [];
      // statuses reviewers set in Neo4j Browser become decisions; the run reads them inside its lock
      const openReviewSource = opts.sink === 'neo4j' ? () => Neo4jDecisionSink.open(connectionSettingsFromEnv(), config.config.neo4j.retrySeconds) : undefined;
      const result = await nightly({
        input: opts.input,
        stateDir: opts.out,
        config,
        log,
        progress: terminal ? terminalProgress() : noProgress,
        sinks,
        allowDevelopmentPanKey: opts.devPanKey,
        engine: opts.engine === 'spark' ? { name: 'spark', master: opts.sparkMaster, conf: opts.sparkConf, ...(opts.sparkSubmit ? { submit: opts.sparkSubmit } : {}) } : { name: 'local' },
        ...(openReviewSource ? { openReviewSource } : {}),
        ...(opts.runId ? { runId: opts.runId } : {}),
        ...(opts.workers !== undefined ? { workers: opts.workers } : {}),
      });
      process.stdout.write(formatRunSummary(result));
      if (importSink) {
        process.stdout.write(`\nNeo4j import files: ${opts.importDir}\nOn the server host, with the database stopped (and not yet created, or dropped), run:\n\n${importSink.command()}\n\nthen start it; the first night with --sink neo4j adds the constraints and indexes.\n`);
      }
    });
}
