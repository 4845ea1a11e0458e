import type { Command } from 'commander';
import { loadConfig } from '../config/config.js';
import { evaluateRun, formatEvaluation } from '../evaluate/evaluate-run.js';

export function register(program: Command): void {
  program
    .command('evaluate')
    .description('score a run folder (candidates.csv, members.csv) against a truth.csv from generate')
    .requiredOption('--run <run-dir>', 'run folder (or a state folder: its latest run is used)')
    .requiredOption('--truth <truth.csv>', 'truth.csv written by generate')
    .option('--snapshot <dir>', "snapshot folder the run read, for the recall reachable through non-hub identifiers (default: the run manifest's input)")
    .option('--config <file>', 'config the run used (hub size, normalisation); default: the default config')
    .option('--json', 'print the evaluation as JSON (undefined metrics are null)', false)
    .action(async (opts: { run: string; truth: string; json: boolean; snapshot?: string; config?: string }) => {
      const { config } = await loadConfig(opts.config);
      const evaluation = await evaluateRun(opts.run, opts.truth, { snapshotDir: opts.snapshot, config });
      // JSON.stringify turns NaN (precision of an empty prediction) into null.
      process.stdout.write(opts.json ? `${JSON.stringify(evaluation, null, 2)}\n` : formatEvaluation(evaluation));
    });
}
