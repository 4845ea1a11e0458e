/**
 * The rows calibration is fitted on: the training rows with duplicates merged (same fold, label,
 * grouping and terms, so the same scores; the weight is the accounts they stand for), each
 * scored by a fit that never saw its label.
 */
export interface HeldOutScores {
  /** the ranking's linear score (log-odds, the account's own label left out) */
  score: Float64Array;
  /** the same without the terms that read other accounts' labels */
  unaided: Float64Array;
  labelled: Uint8Array;
  /** 1 for an account in a community: only those can be queued */
  grouped: Uint8Array;
  weight: Float64Array;
  fold: Uint8Array;
}
