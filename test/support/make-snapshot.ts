import { TransactionStatus, type Snapshot } from '../../src/snapshot/snapshot.js';
import { valueList } from '../../src/snapshot/identifier-values.js';

export interface SnapshotSpec {
  accounts: Array<{ id: string; created?: string; label?: 'fraud' | 'legit' }>;
  /** [account id, kind, value] */
  links: Array<[string, string, string]>;
  /** [from, to ('' for a merchant), status] */
  transactions?: Array<[string, string, keyof typeof TransactionStatus]>;
}

/** Builds an interned Snapshot directly, for testing stages after loading. */
export function makeSnapshot(spec: SnapshotSpec): Snapshot {
  const index = new Map(spec.accounts.map((a, i) => [a.id, i]));
  const kinds: string[] = [];
  const keys = new Map<string, number>();
  const kindOf: number[] = [];
  const values: string[] = [];
  const account: number[] = [];
  const identifier: number[] = [];
  for (const [id, kind, value] of spec.links) {
    if (!kinds.includes(kind)) kinds.push(kind);
    const key = `${kind}\u0000${value}`;
    if (!keys.has(key)) {
      keys.set(key, values.length);
      values.push(value);
      kindOf.push(kinds.indexOf(kind));
    }
    account.push(index.get(id)!);
    identifier.push(keys.get(key)!);
  }
  const tx = spec.transactions ?? [];
  return {
    accounts: {
      ids: spec.accounts.map((a) => a.id),
      createdAt: Float64Array.from(spec.accounts, (a) => (a.created ? Date.parse(a.created) : Number.NaN)),
      properties: new Map(),
      label: Int8Array.from(spec.accounts, (a) => (a.label === 'fraud' ? 1 : a.label === 'legit' ? -1 : 0)),
    },
    identifiers: { kinds, kindOf: Int32Array.from(kindOf), values: valueList(values) },
    links: {
      account: Int32Array.from(account),
      identifier: Int32Array.from(identifier),
      firstSeen: new Float64Array(account.length).fill(Number.NaN),
      lastSeen: new Float64Array(account.length).fill(Number.NaN),
    },
    transactions: {
      account: Int32Array.from(tx, ([from]) => index.get(from)!),
      counterparty: Int32Array.from(tx, ([, to]) => (to === '' ? -1 : index.get(to)!)),
      amount: new Float64Array(tx.length).fill(10),
      status: Uint8Array.from(tx, ([, , status]) => TransactionStatus[status]),
      createdAt: new Float64Array(tx.length).fill(Number.NaN),
    },
    tables: [],
    placeholderRows: 0,
  };
}

/** Account ids of a list of account indices. */
export function idsOf(snapshot: Snapshot, accounts: ArrayLike<number>): string[] {
  return Array.from(accounts, (a) => snapshot.accounts.ids[a]!);
}

/** Every normalised identifier value of a snapshot, as strings, by identifier id. */
export function identifierValues(snapshot: Pick<Snapshot, 'identifiers'>): string[] {
  return Array.from({ length: snapshot.identifiers.values.length }, (_, i) => snapshot.identifiers.values.at(i));
}
