import { Option, type Command } from 'commander';
import { asDiskFull, UserError } from '../errors.js';
import { writeFileAtomic } from '../io/atomic-write.js';
import { outputTarget } from '../review/output-target.js';
import { BLACKLIST_FORMATS, blacklistRows, encodeBlacklist, parseSince, type BlacklistFormat } from '../review/blacklist-export.js';
import { DecisionLog } from '../review/decision-log.js';

export function register(program: Command): void {
  const blacklist = program.command('blacklist').description('the blacklist made of approved review decisions');
  blacklist
    .command('export')
    .description('approved accounts (current decision approve), by decision time then account')
    .requiredOption('--out <dir>', 'state folder given to nightly --out')
    .addOption(new Option('--format <format>', 'output format').choices(BLACKLIST_FORMATS).default('csv'))
    .option('--since <date>', 'only decisions at or after this ISO date or date-time (UTC unless it says otherwise)')
    .option('--output <file>', 'write here (atomically) instead of stdout')
    .action(async (opts: { out: string; format: BlacklistFormat; since?: string; output?: string }) => {
      const since = opts.since === undefined ? undefined : parseSince(opts.since);
      const target = opts.output === undefined ? null : await outputTarget(opts.output);
      if (opts.format === 'arrow' && opts.output === undefined && process.stdout.isTTY) {
        throw new UserError('Arrow is binary and stdout is a terminal: use --output <file> (or pipe it)');
      }
      const log = await DecisionLog.read(opts.out);
      const data = encodeBlacklist(blacklistRows(log.current, { since }), opts.format);
      if (target === null) {
        await new Promise<void>((resolve, reject) => process.stdout.write(data, (err) => (err ? reject(err) : resolve())));
        return;
      }
      try {
        await writeFileAtomic(target.path, data, target.mode ?? 0o640);
      } catch (err) {
        throw asDiskFull(err) ?? new UserError(`cannot write ${opts.output}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`, undefined, { cause: err });
      }
    });
}
