import type { Snapshot } from './snapshot.js';

/** What a loaded snapshot holds, as the manifest counts it. */
export function snapshotCounts(snapshot: Snapshot): Record<string, number> {
  return {
    accounts: snapshot.accounts.ids.length,
    identifiers: snapshot.identifiers.values.length,
    links: snapshot.links.account.length,
    placeholderRows: snapshot.placeholderRows,
    transactions: snapshot.transactions.account.length,
    // the run says when the ids a team works with came out as tokens, and how many
    cardLikeAccountIds: snapshot.cardLikeAccountIds ?? 0,
    tokenisedAccountIds: snapshot.accountIdsAreKeys ? 0 : (snapshot.cardLikeAccountIds ?? 0),
  };
}
