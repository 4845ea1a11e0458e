/** One row as read from a table file, before validation. */
export interface RawRow {
  /** 1-based line in the file where the row starts (the header is line 1 in CSV). */
  line: number;
  /** Values by column name; null when the row could not be read at all (see problem). */
  record: Record<string, string> | null;
  /** Why the row could not be read into a record. */
  problem?: string;
  /** The row as it stood in the file, when the reader has it cheaply at hand. */
  raw?: string;
  /** the file's own record, when a mapping made `record` from it: what a reject shows */
  original?: Record<string, string>;
}

/** A table file opened for reading: its columns (when the format declares them) and its rows in batches. */
export interface TableRows {
  columns: readonly string[] | null;
  batches: AsyncIterable<RawRow[]>;
  /** how much of the file has been read, 0–1, where the format can tell */
  progress?: () => number;
}
