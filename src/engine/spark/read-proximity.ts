import { EngineUnavailableError } from '../../errors.js';
import { forEachPartRow } from './read-parts.js';

/**
 * The ranks the Spark job's walk gave (account key, rank in whole mass units, nonzero only), as
 * the local engine holds them: a rank per account, 0 where the walk never reached it. Ranks are
 * below 2^53, so a double holds them exactly.
 */
export async function readProximityRanks(dir: string, accountCount: number): Promise<Float64Array> {
  const ranks = new Float64Array(accountCount);
  await forEachPartRow(dir, ['account', 'rank'], ([account, rank]) => {
    const a = Number(account as bigint);
    if (a < 0 || a >= accountCount) throw new EngineUnavailableError(`the Spark job ranked account ${a}, outside the snapshot's ${accountCount}`);
    ranks[a] = Number(rank as bigint);
  });
  return ranks;
}
