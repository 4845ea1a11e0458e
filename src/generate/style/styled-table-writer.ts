import type { CellValue, Column, TableWriter } from '../write/table-writer.js';
import { messyValue } from './messy-value.js';
import type { SnapshotStyle } from './snapshot-style.js';
import { timestampText } from './timestamp-text.js';

const TIMESTAMP_COLUMNS: ReadonlySet<string> = new Set(['created_at', 'first_seen', 'last_seen', 'labeled_at']);

/**
 * Writes rows built in the default style (ISO timestamps, plain values) in another style: it
 * rewrites the timestamp columns and, in an identifiers table, the value by its kind. The
 * world's random draws are untouched, so every style holds the same world.
 */
export class StyledTableWriter implements TableWriter {
  private readonly timestamps: number[];
  private readonly kind: number;
  private readonly value: number;

  private constructor(
    private readonly inner: TableWriter,
    columns: readonly Column[],
    private readonly style: SnapshotStyle,
  ) {
    const names = columns.map((c) => c.name);
    this.timestamps = names.flatMap((name, i) => (TIMESTAMP_COLUMNS.has(name) ? [i] : []));
    if (style.timestamps === 'iso') this.timestamps = [];
    const identifiers = names.includes('kind') && names.includes('value') && style.values === 'messy';
    this.kind = identifiers ? names.indexOf('kind') : -1;
    this.value = identifiers ? names.indexOf('value') : -1;
  }

  /** The writer itself when the style changes nothing in these columns. */
  static wrap(inner: TableWriter, columns: readonly Column[], style: SnapshotStyle): TableWriter {
    const styled = new StyledTableWriter(inner, columns, style);
    return styled.timestamps.length === 0 && styled.kind === -1 ? inner : styled;
  }

  get path(): string {
    return this.inner.path;
  }

  get rows(): number {
    return this.inner.rows;
  }

  row(values: readonly CellValue[]): void {
    const out = values.slice();
    const row = this.inner.rows;
    for (let k = 0; k < this.timestamps.length; k++) {
      const c = this.timestamps[k]!;
      out[c] = timestampText(String(values[c]), this.style.timestamps, row + k);
    }
    if (this.kind !== -1) out[this.value] = messyValue(String(values[this.kind]), String(values[this.value]));
    this.inner.row(out);
  }

  drain(): Promise<void> {
    return this.inner.drain();
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}
