import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { asyncBufferFromFile, parquetRead } from 'hyparquet';
import { compressors } from 'hyparquet-compressors';
import { EngineUnavailableError } from '../../errors.js';

/**
 * The ranks the Spark job's walk gave (account key, rank in whole mass units, nonzero only), as
 * the local engine holds them: a rank per account, 0 where the walk never reached it. Ranks are
 * below 2^53, so a double holds them exactly.
 */
export async function readProximityRanks(dir: string, accountCount: number): Promise<Float64Array> {
  const ranks = new Float64Array(accountCount);
  const parts = (await readdir(dir)).filter((f) => f.endsWith('.parquet')).sort();
  for (const part of parts) {
    await parquetRead({
      file: await asyncBufferFromFile(join(dir, part)),
      compressors,
      columns: ['account', 'rank'],
      onComplete: (rows: unknown[][]) => {
        for (const [account, rank] of rows) {
          const a = Number(account as bigint);
          if (a < 0 || a >= accountCount) throw new EngineUnavailableError(`the Spark job ranked account ${a}, outside the snapshot's ${accountCount}`);
          ranks[a] = Number(rank as bigint);
        }
      },
    });
  }
  return ranks;
}
