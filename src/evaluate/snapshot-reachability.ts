import { devNull } from 'node:os';
import type { Config } from '../config/config.js';
import { configuredNormaliser } from '../normalise/configured-normaliser.js';
import { resolvePanKey } from '../normalise/pan-key.js';
import { loadSnapshot } from '../snapshot/load-snapshot.js';
import { RejectsFile } from '../snapshot/rejects.js';
import { reachableMembers, type ReachableMembers } from './reachable-members.js';
import type { Truth } from './truth.js';

/**
 * Loads the snapshot a run read, normalised as the run's config does it, and finds the ring
 * members its non-hub identifiers can reach (hub size: `graph.hubMinAccounts`).
 */
export async function snapshotReachability(snapshotDir: string, truth: Truth, config: Config): Promise<ReachableMembers> {
  const rejects = new RejectsFile(devNull);
  try {
    // Only which accounts share a value matters here, never a token itself: the run's key, or the
    // development key when it is not set, links the same card numbers alike.
    const { normalise, tokeniseCardNumbers } = configuredNormaliser(config.normalise, resolvePanKey({ envName: config.normalise.panHashKeyEnv, allowDevelopmentKey: true }));
    const snapshot = await loadSnapshot(snapshotDir, { normalise, tokeniseCardNumbers, rejects, maxRejectShare: 1 });
    return reachableMembers(snapshot, truth, config.graph.hubMinAccounts);
  } finally {
    await rejects.close();
  }
}
