import Papa from 'papaparse';
import { csvCell } from './csv-cell.js';

/**
 * A whole CSV document with a header row; LF line endings, RFC 4180 quoting, trailing newline.
 * Text cells are escaped against formula injection (csv-cell.ts); readers undo it.
 */
export function csvText(header: readonly string[], rows: readonly (readonly (string | number)[])[]): string {
  const body = rows.length > 0 ? `${Papa.unparse(rows.map((row) => row.map(csvCell)), { newline: '\n', header: false })}\n` : '';
  return `${header.join(',')}\n${body}`;
}
