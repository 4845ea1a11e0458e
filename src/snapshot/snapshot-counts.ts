import type { Snapshot } from './snapshot.js';

/** The numbers a load counts, whether it held the snapshot or streamed it out. */
export interface LoadTally {
  accounts: number;
  /** distinct identifiers linked (a streamed load leaves the count to the Spark job) */
  identifiers?: number;
  links: number;
  placeholderRows: number;
  transactions: number;
  cardLikeAccountIds?: number | undefined;
  accountIdsAreKeys?: boolean | undefined;
}

/** What a loaded snapshot holds, as the manifest counts it. */
export function snapshotCounts(snapshot: Snapshot): Record<string, number> {
  return loadCounts({
    accounts: snapshot.accounts.ids.length,
    identifiers: snapshot.identifiers.values.length,
    links: snapshot.links.account.length,
    placeholderRows: snapshot.placeholderRows,
    transactions: snapshot.transactions.account.length,
    cardLikeAccountIds: snapshot.cardLikeAccountIds,
    accountIdsAreKeys: snapshot.accountIdsAreKeys,
  });
}

/** A load's numbers, as the manifest counts them. */
export function loadCounts(tally: LoadTally): Record<string, number> {
  return {
    accounts: tally.accounts,
    ...(tally.identifiers !== undefined ? { identifiers: tally.identifiers } : {}),
    links: tally.links,
    placeholderRows: tally.placeholderRows,
    transactions: tally.transactions,
    // the run says when the ids a team works with came out as tokens, and how many
    cardLikeAccountIds: tally.cardLikeAccountIds ?? 0,
    tokenisedAccountIds: tally.accountIdsAreKeys ? 0 : (tally.cardLikeAccountIds ?? 0),
  };
}
