import type { Snapshot } from './snapshot.js';

/** What a loaded snapshot holds, as the manifest counts it. */
export function snapshotCounts(snapshot: Snapshot): Record<string, number> {
  return {
    accounts: snapshot.accounts.ids.length,
    identifiers: snapshot.identifiers.values.length,
    links: snapshot.links.account.length,
    placeholderRows: snapshot.placeholderRows,
    transactions: snapshot.transactions.account.length,
  };
}
