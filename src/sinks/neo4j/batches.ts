/**
 * Cuts rows into batches of about `size` graph rows, pulling rows only as batches are taken. A
 * row may stand for several graph rows (`weightOf`: an account with its USES relationships is
 * 1 + its USES); a row is never split, so a batch ends at the first row that brings it to `size`.
 */
export function* batches<Row>(rows: Iterable<Row>, size: number, weightOf?: (row: Row) => number): Generator<Row[]> {
  let batch: Row[] = [];
  let weight = 0;
  for (const row of rows) {
    batch.push(row);
    weight += weightOf ? weightOf(row) : 1;
    if (weight >= size) {
      yield batch;
      batch = [];
      weight = 0;
    }
  }
  if (batch.length > 0) yield batch;
}
