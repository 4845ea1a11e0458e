import { Option, type Command } from 'commander';
import { UserError } from '../errors.js';
import { generateSnapshot, type GenerateSummary } from '../generate/generate-snapshot.js';
import { worlds } from '../generate/worlds/world-catalog.js';
import { worldNames, type WorldName } from '../generate/worlds/world-spec.js';
import { timestampStyles, valueStyles, type TimestampStyle, type ValueStyle } from '../generate/style/snapshot-style.js';

export function register(program: Command): void {
  program
    .command('generate')
    .description('write a synthetic snapshot with planted fraud rings (and truth.csv) for testing and evaluation')
    .requiredOption('--accounts <n>', 'number of accounts', parseWhole('--accounts'))
    .requiredOption('--seed <s>', 'random seed: the same seed gives the same bytes', parseWhole('--seed'))
    .requiredOption('--out <dir>', 'snapshot folder to write (created if missing)')
    .addOption(new Option('--format <format>', 'table file format (truth.csv is always CSV)').choices(['csv', 'ndjson', 'arrow']).default('csv'))
    .addOption(new Option('--world <name>', `which world to plant: ${worldNames.map((name) => `${name} (${worlds[name].summary})`).join('; ')}`).choices(worldNames).default('current'))
    .addOption(
      new Option(
        '--timestamp-style <style>',
        'how timestamps are written: iso 2024-03-05T12:34:56Z; iso-ms 2024-03-05T12:34:56.000Z; offset 2024-03-05T14:34:56+02:00 (also -05:00, +0530, fractions); space 2024-03-05 12:34:56 (UTC); date 2024-03-05 (the day only); epoch-s 1709642096; epoch-ms 1709642096000',
      )
        .choices(timestampStyles)
        .default('iso'),
    )
    .addOption(new Option('--value-style <style>', 'plain: values as the world spells them; messy: phones as (123) 456 78-90, e-mails and addresses in upper case, unit numbers as Apt #4 (the same identifiers once normalised)').choices(valueStyles).default('plain'))
    .option('--quote-all', 'CSV: put every field in double quotes', false)
    .option('--crlf', 'CSV: end lines with CRLF instead of LF', false)
    .action(async (opts: { accounts: number; seed: number; out: string; format: 'csv' | 'ndjson' | 'arrow'; world: WorldName; timestampStyle: TimestampStyle; valueStyle: ValueStyle; quoteAll: boolean; crlf: boolean }) => {
      const started = Date.now();
      const style = { timestamps: opts.timestampStyle, values: opts.valueStyle, quoteAll: opts.quoteAll, crlf: opts.crlf };
      const summary = await generateSnapshot({ accounts: opts.accounts, seed: opts.seed, out: opts.out, format: opts.format, world: opts.world, style });
      process.stdout.write(formatSummary(summary, Date.now() - started));
    });
}

function parseWhole(flag: string): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (value.trim() === '' || !Number.isSafeInteger(n)) throw new UserError(`${flag} must be a whole number, got ${JSON.stringify(value)}`);
    return n;
  };
}

function formatSummary(s: GenerateSummary, ms: number): string {
  const h = s.hubsByKind;
  return [
    `generated ${s.accounts} accounts in ${(ms / 1000).toFixed(1)} s (${s.format}${s.world === 'current' ? '' : `, world ${s.world}`})`,
    `  ${s.identifierRows} identifier rows, ${s.transactions} transactions, ${s.labels} labels`,
    `  ${s.rings} rings with ${s.ringAccounts} accounts; ${s.households} households; ${s.businessFamilies} business families`,
    `  ${s.hubs} hubs: ${h.lockers} parcel lockers, ${h.publicIps} public IPs, ${h.corporateCards} corporate cards, ${h.sharedDevices} shared devices`,
    ...Object.values(s.files).map((path) => `  ${path}`),
    '',
  ].join('\n');
}
