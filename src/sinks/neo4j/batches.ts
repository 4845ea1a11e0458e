/**
 * Cuts rows into batches of `size` rows, pulling rows only as batches are taken. With `groupOf`,
 * rows of one group (consecutive rows with the same group value) never span two batches: a batch
 * grows past `size` to finish its last group.
 */
export function* batches<Row>(rows: Iterable<Row>, size: number, groupOf?: (row: Row) => unknown): Generator<Row[]> {
  let batch: Row[] = [];
  let full = false;
  let group: unknown;
  for (const row of rows) {
    if (full && (!groupOf || groupOf(row) !== group)) {
      yield batch;
      batch = [];
      full = false;
    }
    batch.push(row);
    if (batch.length >= size) {
      full = true;
      if (groupOf) group = groupOf(row);
    }
  }
  if (batch.length > 0) yield batch;
}
