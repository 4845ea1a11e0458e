/**
 * CSV files people open in a spreadsheet follow OWASP's rule against formula injection: a cell
 * starting with `=`, `+`, `-`, `@`, a tab or a carriage return is prefixed with `'`, so that
 * `=HYPERLINK(…)` or `+cmd|' /c calc'!A0` is shown as text instead of being run. A cell that
 * already starts with `'` is prefixed too, which makes the escaping exactly reversible:
 * `unescapeFormula(escapeFormula(x)) === x` for every text, and the project's own readers undo it.
 * Numbers are written as numbers (a negative score stays `-5`).
 */
const TRIGGERS = new Set(['=', '+', '-', '@', '\t', '\r', "'"]);

export function escapeFormula(cell: string): string {
  return cell.length > 0 && TRIGGERS.has(cell[0]!) ? `'${cell}` : cell;
}

export function unescapeFormula(cell: string): string {
  return cell.length > 1 && cell[0] === "'" && TRIGGERS.has(cell[1]!) ? cell.slice(1) : cell;
}

/** A CSV cell: text escaped, numbers as they are. */
export function csvCell(value: string | number): string | number {
  return typeof value === 'string' ? escapeFormula(value) : value;
}
