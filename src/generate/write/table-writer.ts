/** One column of a generated table; everything is text except money. */
export interface Column {
  name: string;
  type: 'utf8' | 'float64';
}

export type CellValue = string | number;

export type TableFormat = 'csv' | 'ndjson' | 'arrow';

/**
 * Writes one table row by row. `row` only buffers; `drain` writes the buffer out once it has
 * grown past a chunk and resolves when the file has taken it. Awaiting `drain` regularly is what
 * keeps memory bounded however many rows go through.
 */
export interface TableWriter {
  readonly path: string;
  readonly rows: number;
  row(values: readonly CellValue[]): void;
  drain(): Promise<void>;
  close(): Promise<void>;
}
