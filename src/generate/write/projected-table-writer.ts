import type { CellValue, Column, TableWriter } from './table-writer.js';

/**
 * Writes only some columns of rows built for the full table: a world without a column (no
 * `created_at`, no `first_seen`) leaves it out of the file rather than writing it empty.
 */
export class ProjectedTableWriter implements TableWriter {
  private constructor(
    private readonly inner: TableWriter,
    private readonly keep: readonly number[],
  ) {}

  /** The columns of `all` whose names are in `names`, in table order, and a wrapper that keeps them (the writer itself when nothing is dropped). */
  static columns(all: readonly Column[], names: readonly string[]): { columns: Column[]; wrap: (writer: TableWriter) => TableWriter } {
    const keep: number[] = [];
    all.forEach((column, i) => {
      if (names.includes(column.name)) keep.push(i);
    });
    const columns = keep.map((i) => all[i]!);
    return { columns, wrap: (writer) => (keep.length === all.length ? writer : new ProjectedTableWriter(writer, keep)) };
  }

  get path(): string {
    return this.inner.path;
  }

  get rows(): number {
    return this.inner.rows;
  }

  row(values: readonly CellValue[]): void {
    const out = new Array<CellValue>(this.keep.length);
    for (let k = 0; k < this.keep.length; k++) out[k] = values[this.keep[k]!]!;
    this.inner.row(out);
  }

  drain(): Promise<void> {
    return this.inner.drain();
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}
