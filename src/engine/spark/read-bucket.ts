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
  /** each account's rank in the walk to known fraud of its fold, in whole mass units */
  proximityRanks: Float64Array;
}

interface BucketLink {
  identifier: bigint;
  kind: number;
  value: string;
  first_seen: number;
  last_seen: number;
  accounts: bigint;
  hub: boolean;
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
 * the night's account order; identifiers are numbered in the order the bucket's accounts first name
 * them; the transactions are those the bucket's accounts sent, in the snapshot's row order, with a
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

  const identifierIndex = new Map<bigint, number>();
  const kindOf: number[] = [];
  const values: string[] = [];
  const identifierAccounts: number[] = [];
  const identifierHub: number[] = [];
  const link = { account: [] as number[], identifier: [] as number[], firstSeen: [] as number[], lastSeen: [] as number[] };
  const sent: Array<BucketTransaction & { account: number }> = [];
  rows.forEach((r, a) => {
    for (const l of r.links ?? []) {
      if (l.kind < 0 || l.kind >= kinds.length) throw new EngineUnavailableError(`bucket ${dir} names kind ${l.kind}, outside the night's ${kinds.length} kinds`);
      let i = identifierIndex.get(l.identifier);
      if (i === undefined) {
        identifierIndex.set(l.identifier, (i = values.length));
        values.push(l.value);
        kindOf.push(l.kind);
        identifierAccounts.push(Number(l.accounts));
        identifierHub.push(l.hub ? 1 : 0);
      }
      link.account.push(a);
      link.identifier.push(i);
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
    identifiers: { kinds: [...kinds], kindOf: Int32Array.from(kindOf), values: valueList(values) },
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
    identifierAccounts: Int32Array.from(identifierAccounts),
    identifierHub: Uint8Array.from(identifierHub),
    proximityRanks: Float64Array.from(rows, (r) => Number(r.proximity_rank)),
  };
}
