/**
 * Limits on snapshot files, so that one careless or hostile file cannot exhaust memory or the
 * stack (README, "Limits"). A row over a limit is rejected with its line number; a file over a
 * limit (a header with too many columns) stops the run.
 */
export const inputLimits = {
  /** columns of a table (CSV header, Arrow schema) and keys of one NDJSON object */
  maxColumns: 1_000,
  /** one row as text: a CSV row or an NDJSON line, in characters */
  maxLineLength: 1 << 20,
  /** arrays and objects inside one NDJSON line, counting the row itself */
  maxNestingDepth: 64,
} as const;
