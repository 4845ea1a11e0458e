import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { asyncBufferFromFile, parquetRead } from 'hyparquet';
import { compressors } from 'hyparquet-compressors';

/**
 * Every row of a folder of Parquet parts the Spark job wrote (`part-*.parquet`, in name order),
 * as arrays of the named columns, a part at a time: what reads the job's outputs back needs no
 * more than one part's rows in memory at once.
 */
export async function forEachPartRow(dir: string, columns: readonly string[], onRow: (row: unknown[]) => void): Promise<void> {
  const parts = (await readdir(dir)).filter((f) => f.endsWith('.parquet')).sort();
  for (const part of parts) {
    await parquetRead({
      file: await asyncBufferFromFile(join(dir, part)),
      compressors,
      columns: [...columns],
      onComplete: (rows: unknown[][]) => {
        for (const row of rows) onRow(row);
      },
    });
  }
}
