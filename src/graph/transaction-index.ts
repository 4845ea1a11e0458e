import type { Snapshot } from '../snapshot/snapshot.js';

/** Transactions of each account, as sender or as counterparty, in compressed sparse rows. */
export interface TransactionIndex {
  /** rows where account a is the sender: rows[offsets[a] .. offsets[a+1]) */
  sentOffsets: Int32Array;
  sent: Int32Array;
  /** rows where account a is the counterparty */
  receivedOffsets: Int32Array;
  received: Int32Array;
}

export function indexTransactions(snapshot: Snapshot): TransactionIndex {
  const n = snapshot.accounts.ids.length;
  const { account, counterparty } = snapshot.transactions;
  const [sentOffsets, sent] = group(n, account);
  const [receivedOffsets, received] = group(n, counterparty);
  return { sentOffsets, sent, receivedOffsets, received };
}

/** Counting sort of row numbers by key (rows whose key is -1 are left out). */
function group(n: number, keyOf: Int32Array): [Int32Array, Int32Array] {
  const offsets = new Int32Array(n + 1);
  for (let i = 0; i < keyOf.length; i++) if (keyOf[i]! >= 0) offsets[keyOf[i]! + 1]!++;
  for (let a = 0; a < n; a++) offsets[a + 1]! += offsets[a]!;
  const cursor = offsets.slice(0, n);
  const rows = new Int32Array(offsets[n]!);
  for (let i = 0; i < keyOf.length; i++) if (keyOf[i]! >= 0) rows[cursor[keyOf[i]!]!++] = i;
  return [offsets, rows];
}
