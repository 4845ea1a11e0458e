/**
 * What a run says about account ids that hold card numbers (`cardLikeAccountIds` and
 * `tokenisedAccountIds` in the manifest's counts): tokenised ids cannot be joined back to the
 * team's records, so the run says so, and how to keep them, instead of leaving it to be found.
 * Null when no id looked like a card number.
 */
export function cardLikeIdsNote(counts: Record<string, number | undefined>): string | null {
  const cardLike = counts.cardLikeAccountIds ?? 0;
  if (cardLike === 0) return null;
  const of = counts.accounts !== undefined ? ` of ${counts.accounts}` : '';
  const tokenised = counts.tokenisedAccountIds ?? 0;
  if (tokenised === 0) return `${cardLike}${of} account ids look like card numbers and were kept as they are: input.accountIdsAreKeys says they are the team's own keys`;
  return `${tokenised}${of} account ids look like card numbers and were tokenised (pan:…) like any card number; if they are your own keys, set input.accountIdsAreKeys (README, "Your ids stay yours")`;
}
