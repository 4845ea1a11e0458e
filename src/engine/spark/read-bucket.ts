import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { asyncBufferFromFile, parquetReadObjects } from 'hyparquet';
import { compressors } from 'hyparquet-compressors';
import { EngineUnavailableError } from '../../errors.js';
import { valueList } from '../../snapshot/identifier-values.js';
import type { Snapshot } from '../../snapshot/snapshot.js';

/** One bucket of the Spark job's `buckets/` as a `Snapshot`, with what ties it to the whole night. */
export interface BucketSnapshot {
  snapshot: Snapshot;
  /** the night's account key (position in the whole snapshot) of each of the bucket's accounts */
  accountKeys: Float64Array;
  /** by the bucket's identifier: accounts sharing it in the whole snapshot, and whether it is a hub */
  identifierAccounts: Int32Array;
  identifierHub: Uint8Array;
  /** by the bucket's identifier: known-fraud accounts using it in the whole snapshot */
  identifierFraudAccounts: Int32Array;
  /** by the bucket's identifier: its index in the whole snapshot (the snapshot numbers identifiers by their first link row) */
  identifierPlaces: Int32Array;
  /** each account's rank in the walk to known fraud of its fold, in whole mass units */
  proximityRanks: Float64Array;
}

interface BucketLink {
  row: bigint;
  identifier: bigint;
  kind: number;
  value: string;
  first_seen: number;
  last_seen: number;
  accounts: bigint;
  hub: boolean;
  /** the smallest link row naming the identifier in the whole night, and the identifier's place in the night's numbering (its rank by first_row) */
  first_row: bigint;
  identifier_index: bigint;
  /** known-fraud accounts of the whole night that use the identifier */
  fraud_accounts: bigint;
}

interface BucketTransaction {
  row: number;
  counterparty: number;
  amount: number;
  status: number;
  created_at: number;
}

interface BucketRow {
  account: bigint;
  account_id: string;
  created_at: number;
  properties: string;
  label: number;
  approved: number;
  proximity_rank: bigint;
  links: BucketLink[] | null;
  sent: BucketTransaction[] | null;
}

/**
 * Loads one bucket (`buckets/bucket=B/`) into the `Snapshot` type detection takes. Accounts are in
 * the night's account order; identifiers are numbered in the order of the first link row naming
 * them in the whole night (the order the snapshot interns them in, so the bucket's identifiers are
 * in the night's order); the transactions are those the bucket's accounts sent, in the snapshot's row order, with a
 * counterparty outside the bucket as -1 (outside this snapshot): a bucket holds whole components,
 * detection reads transfers only within a group, and the walk to known fraud, which crosses
 * components, came from Spark already (`proximityRanks`).
 */
export async function readBucket(dir: string, kinds: readonly string[]): Promise<BucketSnapshot> {
  const rows: BucketRow[] = [];
  for (const part of (await readdir(dir)).filter((f) => f.endsWith('.parquet')).sort()) {
    rows.push(...((await parquetReadObjects({ file: await asyncBufferFromFile(join(dir, part)), compressors })) as unknown as BucketRow[]));
  }
  rows.sort((x, y) => (x.account < y.account ? -1 : x.account > y.account ? 1 : 0));
  const localOf = new Map<number, number>();
  rows.forEach((r, a) => localOf.set(Number(r.account), a));

  const propertyNames = new Set<string>();
  const parsed = rows.map((r) => JSON.parse(r.properties) as Record<string, string>);
  for (const p of parsed) for (const name of Object.keys(p)) propertyNames.add(name);
  const properties = new Map([...propertyNames].sort().map((name) => [name, parsed.map((p) => p[name] ?? '')]));

  // identifiers by the first row naming them in the whole night: the snapshot's interning order
  const firstRow = new Map<bigint, BucketLink>();
  for (const r of rows) for (const l of r.links ?? []) if (!firstRow.has(l.identifier)) firstRow.set(l.identifier, l);
  const named = [...firstRow.values()].sort((x, y) => (x.first_row < y.first_row ? -1 : x.first_row > y.first_row ? 1 : 0));
  const identifierIndex = new Map<bigint, number>(named.map((l, i) => [l.identifier, i]));
  for (const l of named) if (l.kind < 0 || l.kind >= kinds.length) throw new EngineUnavailableError(`bucket ${dir} names kind ${l.kind}, outside the night's ${kinds.length} kinds`);
  const link = { account: [] as number[], identifier: [] as number[], firstSeen: [] as number[], lastSeen: [] as number[] };
  const sent: Array<BucketTransaction & { account: number }> = [];
  rows.forEach((r, a) => {
    for (const l of r.links ?? []) {
      link.account.push(a);
      link.identifier.push(identifierIndex.get(l.identifier)!);
      link.firstSeen.push(l.first_seen);
      link.lastSeen.push(l.last_seen);
    }
    for (const t of r.sent ?? []) sent.push({ ...t, account: a });
  });
  sent.sort((x, y) => x.row - y.row);

  const snapshot: Snapshot = {
    accounts: {
      ids: rows.map((r) => r.account_id),
      createdAt: Float64Array.from(rows, (r) => r.created_at),
      properties,
      label: Int8Array.from(rows, (r) => r.label),
      ...(rows.some((r) => r.approved === 1) ? { approved: Uint8Array.from(rows, (r) => r.approved) } : {}),
    },
    identifiers: { kinds: [...kinds], kindOf: Int32Array.from(named, (l) => l.kind), values: valueList(named.map((l) => l.value)) },
    links: { account: Int32Array.from(link.account), identifier: Int32Array.from(link.identifier), firstSeen: Float64Array.from(link.firstSeen), lastSeen: Float64Array.from(link.lastSeen) },
    transactions: {
      account: Int32Array.from(sent, (t) => t.account),
      counterparty: Int32Array.from(sent, (t) => (t.counterparty < 0 ? -1 : (localOf.get(Number(t.counterparty)) ?? -1))),
      amount: Float64Array.from(sent, (t) => t.amount),
      status: Uint8Array.from(sent, (t) => t.status),
      createdAt: Float64Array.from(sent, (t) => t.created_at),
    },
    tables: [],
    placeholderRows: 0,
  };
  return {
    snapshot,
    accountKeys: Float64Array.from(rows, (r) => Number(r.account)),
    identifierAccounts: Int32Array.from(named, (l) => Number(l.accounts)),
    identifierHub: Uint8Array.from(named, (l) => (l.hub ? 1 : 0)),
    identifierFraudAccounts: Int32Array.from(named, (l) => Number(l.fraud_accounts)),
    identifierPlaces: Int32Array.from(named, (l) => Number(l.identifier_index)),
    proximityRanks: Float64Array.from(rows, (r) => Number(r.proximity_rank)),
  };
}
