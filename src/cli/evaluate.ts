import type { Command } from 'commander';
import { evaluateRun, formatEvaluation } from '../evaluate/evaluate-run.js';

export function register(program: Command): void {
  program
    .command('evaluate')
    .description('score a run folder (candidates.csv, members.csv) against a truth.csv from generate')
    .requiredOption('--run <run-dir>', 'run folder (or a state folder: its latest run is used)')
    .requiredOption('--truth <truth.csv>', 'truth.csv written by generate')
    .option('--json', 'print the evaluation as JSON (undefined metrics are null)', false)
    .action(async (opts: { run: string; truth: string; json: boolean }) => {
      const evaluation = await evaluateRun(opts.run, opts.truth);
      // JSON.stringify turns NaN (precision of an empty prediction) into null.
      process.stdout.write(opts.json ? `${JSON.stringify(evaluation, null, 2)}\n` : formatEvaluation(evaluation));
    });
}
