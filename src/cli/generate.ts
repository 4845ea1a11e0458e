import { Option, type Command } from 'commander';
import { UserError } from '../errors.js';
import { generateSnapshot, type GenerateSummary } from '../generate/generate-snapshot.js';
import { worlds } from '../generate/worlds/world-catalog.js';
import { worldNames, type WorldName } from '../generate/worlds/world-spec.js';

export function register(program: Command): void {
  program
    .command('generate')
    .description('write a synthetic snapshot with planted fraud rings (and truth.csv) for testing and evaluation')
    .requiredOption('--accounts <n>', 'number of accounts', parseWhole('--accounts'))
    .requiredOption('--seed <s>', 'random seed: the same seed gives the same bytes', parseWhole('--seed'))
    .requiredOption('--out <dir>', 'snapshot folder to write (created if missing)')
    .addOption(new Option('--format <format>', 'table file format (truth.csv is always CSV)').choices(['csv', 'ndjson', 'arrow']).default('csv'))
    .addOption(new Option('--world <name>', `which world to plant: ${worldNames.map((name) => `${name} (${worlds[name].summary})`).join('; ')}`).choices(worldNames).default('current'))
    .action(async (opts: { accounts: number; seed: number; out: string; format: 'csv' | 'ndjson' | 'arrow'; world: WorldName }) => {
      const started = Date.now();
      const summary = await generateSnapshot(opts);
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
