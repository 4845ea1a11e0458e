import { hashSeed } from './seeded-random.js';

/**
 * Every account's fold, from the seed and its id: the same account lands in the same fold every
 * night whatever else the snapshot holds, so out-of-fold figures and proximities are stable.
 */
export function accountFolds(accountIds: readonly string[], folds: number, seed: number): Uint8Array {
  const fold = new Uint8Array(accountIds.length);
  for (let a = 0; a < accountIds.length; a++) fold[a] = hashSeed(seed ^ 0x5f0d, accountIds[a]!) % folds;
  return fold;
}
