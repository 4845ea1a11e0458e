import Papa from 'papaparse';

/** A whole CSV document with a header row; LF line endings, RFC 4180 quoting, trailing newline. */
export function csvText(header: readonly string[], rows: readonly (readonly (string | number)[])[]): string {
  const body = rows.length > 0 ? `${Papa.unparse(rows as (string | number)[][], { newline: '\n', header: false })}\n` : '';
  return `${header.join(',')}\n${body}`;
}
