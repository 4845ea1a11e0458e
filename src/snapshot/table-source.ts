import type { TableFile } from './locate-tables.js';
import type { TableRows } from './raw-row.js';

/**
 * One file feeding one table of the snapshot. A file in the contract's own shape is read as it
 * is; a file a mapping describes (`input.tables`) has its rows made into the table's rows by
 * `mapRows`, which keeps each row's line in the file, so rejects still point to it.
 */
export interface TableSource {
  file: TableFile;
  mapRows?: (rows: TableRows) => TableRows;
}
