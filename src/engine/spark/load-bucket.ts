import { join } from 'node:path';
import type { Config } from '../../config/config.js';
import { accountFolds } from '../../detect/account-folds.js';
import type { LoadedBucket } from '../../detect/buckets/loaded-bucket.js';
import type { NightTotals } from '../../detect/buckets/night-totals.js';
import { proximityWithRestarts } from '../../detect/proximity.js';
import { EngineUnavailableError } from '../../errors.js';
import { findComponents } from '../../graph/components.js';
import { buildIdentifierGraph } from '../../graph/identifier-graph.js';
import { weighIdentifiers, type WeightOptions } from '../../graph/identifier-weights.js';
import { indexTransactions } from '../../graph/transaction-index.js';
import { readBucket } from './read-bucket.js';

/** What a worker needs of the night besides its bucket: small, sent with every task. */
export interface BucketNight {
  /** the Spark job's buckets/ folder, and the folder names of the buckets in it (bucket=B) */
  bucketsDir: string;
  bucketNames: string[];
  /** kind names by kind id (kinds.json) */
  kinds: string[];
  /** tonight's weighting (measured kind weights, hub size, link share, undiluted kinds) */
  weights: Omit<WeightOptions, 'accountsOf'>;
  /** per fold, the known fraud of the other folds over the whole night (restartCounts) */
  restarts: number[];
  config: Config;
  totals: NightTotals;
  /** where a worker leaves what a later phase of its bucket reads (the run's work folder) */
  spillDir: string;
}

/**
 * One bucket as detection's input, from the Spark job's bucket alone: the identifier graph, the
 * weights from the whole night's account counts (so the same weights, hubs and links as the
 * whole snapshot's), the transaction index, proximity from the walk's ranks, each account's fold,
 * and the components (the bucket holds whole ones, so they are Spark's). `readMs`: the Parquet
 * read alone.
 */
export async function loadBucket(bucket: number, night: BucketNight): Promise<LoadedBucket & { fold: Uint8Array; readMs: number }> {
  const started = performance.now();
  const read = await readBucket(join(night.bucketsDir, night.bucketNames[bucket]!), night.kinds);
  const readMs = performance.now() - started;
  const { snapshot } = read;
  const graph = buildIdentifierGraph(snapshot, { linkTimes: false });
  const weights = weighIdentifiers(snapshot, graph, { ...night.weights, accountsOf: read.identifierAccounts });
  for (let i = 0; i < graph.identifierCount; i++) {
    if (weights.hub[i] !== read.identifierHub[i]) throw new EngineUnavailableError(`bucket ${night.bucketNames[bucket]}: Spark's hub flag of an identifier differs from its account count's`);
  }
  const { config } = night;
  const fold = accountFolds(snapshot.accounts.ids, config.model.folds, config.seed);
  const input = {
    snapshot,
    graph,
    weights,
    transactions: indexTransactions(snapshot),
    proximity: proximityWithRestarts(read.proximityRanks, fold, night.restarts),
    night: { accounts: read.identifierAccounts, fraudAccounts: read.identifierFraudAccounts },
  };
  const components = findComponents(graph, weights);
  const places = Int32Array.from(read.accountKeys);
  return { input, bucket: { components, accounts: Int32Array.from({ length: places.length }, (_, a) => a) }, places, identifierPlaces: read.identifierPlaces, fold, readMs };
}
