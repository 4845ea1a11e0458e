import { devNull } from 'node:os';
import type { Config } from '../config/config.js';
import { configuredNormaliser } from '../normalise/configured-normaliser.js';
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
    const snapshot = await loadSnapshot(snapshotDir, { normalise: configuredNormaliser(config.normalise), rejects, maxRejectShare: 1 });
    return reachableMembers(snapshot, truth, config.graph.hubMinAccounts);
  } finally {
    await rejects.close();
  }
}
