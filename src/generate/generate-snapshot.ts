import { mkdir, readdir } from 'node:fs/promises';
import { UserError } from '../errors.js';
import { emitAccount, type EmittedCounts } from './emit/emit-account.js';
import { accountIdFormat, ringIdFormat, type EmitContext, type SnapshotWriters } from './emit/emit-context.js';
import { IdentifierEmitter } from './emit/emit-identifiers.js';
import { IdentifierValues } from './emit/identifier-values.js';
import { planWorld } from './plan/plan-world.js';
import { snapshotTables } from './snapshot-tables.js';
import { openTableWriter } from './write/open-table-writer.js';
import { ProjectedTableWriter } from './write/projected-table-writer.js';
import type { Column, TableFormat, TableWriter } from './write/table-writer.js';
import { defaultStyle, timestampStyles, valueStyles, type SnapshotStyle } from './style/snapshot-style.js';
import { StyledTableWriter } from './style/styled-table-writer.js';
import type { HubCounts } from './world.js';
import { worldSpec } from './worlds/world-catalog.js';
import type { WorldName, WorldSpec } from './worlds/world-spec.js';

export interface GenerateOptions {
  accounts: number;
  seed: number;
  out: string;
  format?: 'csv' | 'ndjson' | 'arrow';
  /** Which world to plant (default `current`). */
  world?: WorldName;
  /** How timestamps, values and CSV fields are spelled (default: defaultStyle). */
  style?: SnapshotStyle;
}

export interface GenerateSummary {
  world: WorldName;
  format: TableFormat;
  accounts: number;
  identifierRows: number;
  transactions: number;
  labels: number;
  rings: number;
  ringAccounts: number;
  /** All honest hubs (lockers, public IPs, corporate cards, shared devices). */
  hubs: number;
  hubsByKind: HubCounts;
  households: number;
  businessFamilies: number;
  /** Written files; a table the world does not have is not written. */
  files: { accounts: string; identifiers: string; transactions?: string; labels?: string; truth: string };
}

export const MIN_ACCOUNTS = 100;
export const MAX_ACCOUNTS = 20_000_000;
const FORMATS: readonly TableFormat[] = ['csv', 'ndjson', 'arrow'];
/** Accounts between two drains: a few MB of rows at most sit in memory. */
const DRAIN_EVERY = 2048;

/**
 * Writes a synthetic snapshot with planted fraud rings to `opts.out`: accounts, identifiers,
 * transactions and labels in the chosen format (the tables and columns the world has), and
 * truth.csv (always CSV) with the ring of every account. Same options, same bytes.
 */
export async function generateSnapshot(opts: GenerateOptions): Promise<GenerateSummary> {
  const format = opts.format ?? 'csv';
  const spec = worldSpec(opts.world ?? 'current');
  const style = opts.style ?? defaultStyle;
  validate(opts, format, style);
  await prepareFolder(opts.out, format, spec);

  const world = planWorld(opts.accounts, opts.seed, spec);
  const writers = await openWriters(opts.out, format, spec, style);
  const ctx: EmitContext = {
    world,
    values: new IdentifierValues(world),
    writers,
    accountId: accountIdFormat(world.accounts),
    ringId: ringIdFormat(world.rings.length),
    nextTransaction: 1,
  };
  const identifiers = new IdentifierEmitter(ctx);
  const counts: EmittedCounts = { identifiers: 0, transactions: 0, labels: 0 };
  const all = Object.values(writers).filter((w): w is TableWriter => w !== null);
  try {
    for (let i = 0; i < world.accounts; i++) {
      emitAccount(ctx, identifiers, i, counts);
      if ((i + 1) % DRAIN_EVERY === 0) for (const writer of all) await writer.drain();
    }
  } finally {
    for (const writer of all) await writer.close();
  }

  const hubs = world.hubs;
  return {
    world: spec.name,
    format,
    accounts: world.accounts,
    identifierRows: counts.identifiers,
    transactions: counts.transactions,
    labels: counts.labels,
    rings: world.rings.length,
    ringAccounts: world.rings.reduce((n, ring) => n + ring.members.length, 0),
    hubs: hubs.lockers + hubs.publicIps + hubs.corporateCards + hubs.sharedDevices,
    hubsByKind: hubs,
    households: world.householdStart.length - 1,
    businessFamilies: world.families,
    files: {
      accounts: writers.accounts.path,
      identifiers: writers.identifiers.path,
      ...(writers.transactions ? { transactions: writers.transactions.path } : {}),
      ...(writers.labels ? { labels: writers.labels.path } : {}),
      truth: writers.truth.path,
    },
  };
}

function validate(opts: GenerateOptions, format: TableFormat, style: SnapshotStyle): void {
  if (!Number.isInteger(opts.accounts) || opts.accounts < MIN_ACCOUNTS || opts.accounts > MAX_ACCOUNTS) {
    throw new UserError(`generate: accounts must be a whole number from ${MIN_ACCOUNTS} to ${MAX_ACCOUNTS}, got ${opts.accounts}`);
  }
  if (!Number.isSafeInteger(opts.seed)) throw new UserError(`generate: seed must be an integer, got ${opts.seed}`);
  if (!FORMATS.includes(format)) throw new UserError(`generate: format must be one of ${FORMATS.join(', ')}, got ${String(format)}`);
  if (typeof opts.out !== 'string' || opts.out.length === 0) throw new UserError('generate: an output folder is required');
  if (!timestampStyles.includes(style.timestamps)) throw new UserError(`generate: timestamp style must be one of ${timestampStyles.join(', ')}, got ${String(style.timestamps)}`);
  if (!valueStyles.includes(style.values)) throw new UserError(`generate: value style must be one of ${valueStyles.join(', ')}, got ${String(style.values)}`);
  if ((style.quoteAll || style.crlf) && format !== 'csv') throw new UserError(`generate: --quote-all and --crlf are for CSV, not ${format}`);
}

/**
 * The pipeline refuses a folder with two files for one table, so a folder that already holds a
 * snapshot in another format is refused here; same-format files are overwritten.
 */
async function prepareFolder(out: string, format: TableFormat, spec: WorldSpec): Promise<void> {
  try {
    await mkdir(out, { recursive: true });
  } catch (err) {
    throw new UserError(`generate: cannot create ${out}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`, undefined, { cause: err });
  }
  const clash = (await readdir(out)).filter((name) => {
    const dot = name.lastIndexOf('.');
    const table = name.slice(0, dot);
    const ext = name.slice(dot + 1);
    return table in snapshotTables && table !== 'truth' && ext !== format && (FORMATS as readonly string[]).includes(ext);
  });
  if (clash.length > 0) {
    throw new UserError(`generate: ${out} already holds ${clash.sort().join(', ')} in another format; use an empty folder`);
  }
  // A table this world does not have must not be left over from an earlier snapshot.
  const absent = (['transactions', 'labels'] as const).filter((table) => !spec.tables[table]);
  const stale = (await readdir(out)).filter((name) => absent.some((table) => name.startsWith(`${table}.`)));
  if (stale.length > 0) {
    throw new UserError(`generate: ${out} already holds ${stale.sort().join(', ')}, which world ${spec.name} does not have; use an empty folder`);
  }
}

async function openWriters(out: string, format: TableFormat, spec: WorldSpec, style: SnapshotStyle): Promise<SnapshotWriters> {
  const accounts = ProjectedTableWriter.columns(snapshotTables.accounts, spec.columns.accounts);
  const identifiers = ProjectedTableWriter.columns(snapshotTables.identifiers, spec.columns.identifiers);
  // the snapshot's tables in the chosen style; truth.csv is not part of the snapshot and stays plain
  const open = async (table: string, columns: readonly Column[]) => StyledTableWriter.wrap(await openTableWriter(out, table, columns, format, style), columns, style);
  return {
    accounts: accounts.wrap(await open('accounts', accounts.columns)),
    identifiers: identifiers.wrap(await open('identifiers', identifiers.columns)),
    transactions: spec.tables.transactions ? await open('transactions', snapshotTables.transactions) : null,
    labels: spec.tables.labels ? await open('labels', snapshotTables.labels) : null,
    truth: await openTableWriter(out, 'truth', snapshotTables.truth, 'csv'),
  };
}
