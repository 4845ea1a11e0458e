import type { Command } from 'commander';
import { inspect } from '../../pipelines/inspect.js';
import { loadConfig } from '../config/config.js';
import { ExitCode } from '../errors.js';
import { formatInspection } from '../inspect/format-inspection.js';

export function register(program: Command): void {
  program
    .command('inspect')
    .description('show what a snapshot folder holds before the first run: files, kinds, sharing, hubs, ids that look like cards, rejects')
    .requiredOption('--input <dir>', 'snapshot folder (or an export with a mapping)')
    .option('--config <file>', 'JSON config file (its settings are the ones shown: hub size, input.tables)')
    .option('--map <file>', 'JSON mapping of the export\'s files to the snapshot tables')
    .option('--suggest-map', 'print a mapping guessed from the files\' names, columns and values (edit it, then pass it with --map)', false)
    .option('--dev-pan-key', 'show card tokens made with the public development key when FRAUD_RINGS_PAN_KEY is not set', false)
    .action(async (opts: { input: string; config?: string; map?: string; suggestMap: boolean; devPanKey: boolean }) => {
      const config = await loadConfig(opts.config, opts.map);
      const inspection = await inspect({ input: opts.input, config, allowDevelopmentPanKey: opts.devPanKey, load: !opts.suggestMap });
      if (!opts.suggestMap) {
        process.stdout.write(formatInspection(inspection));
        // a snapshot a run could not load is input a scheduler should not start the night on
        if (inspection.loadError !== null) process.exitCode = ExitCode.inputRejected;
        return;
      }
      // the mapping alone on stdout (to redirect into a file), what it assumed on stderr
      const { mapping, notes } = inspection.suggestion;
      for (const note of notes) process.stderr.write(`${note}\n`);
      if (mapping) process.stdout.write(`${JSON.stringify(mapping, null, 2)}\n`);
    });
}
