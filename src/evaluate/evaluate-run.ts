import { exists } from '../io/optional-file.js';
import { join } from 'node:path';
import { ConfigSchema, type Config } from '../config/config.js';
import { pairCounts } from './pair-counts.js';
import { precisionRecall, type PrecisionRecall } from './precision-recall.js';
import { readCandidates, readManifest, readMembers, RunFile } from '../run/run-files.js';
import { snapshotReachability } from './snapshot-reachability.js';
import { readTruth } from './truth.js';

export { formatEvaluation } from './format-evaluation.js';

/**
 * How well a run found the planted rings. Precision of an empty prediction is NaN (shown as
 * "n/a", null in JSON): see precisionRecall.
 */
export interface Evaluation {
  runDir: string;
  truthPath: string;
  /** Accounts in truth.csv. */
  accounts: number;
  /** Blacklist candidates against the fraud accounts: ring members and fraudsters alone. */
  candidates: PrecisionRecall & {
    candidates: number;
    /** Accounts in a ring of truth.csv. */
    trueRingAccounts: number;
    /** Fraud accounts of truth.csv: the ring members and the fraudsters working alone. */
    trueFraudAccounts: number;
    truePositives: number;
    falsePositives: number;
    falseNegatives: number;
    /** Candidates missing from truth.csv (counted as false positives). */
    unknownAccounts: number;
  };
  /** Pairs of accounts put in one cluster against pairs in one true ring. */
  pairwise: PrecisionRecall & {
    predictedPairs: number;
    truePairs: number;
    correctPairs: number;
    clusters: number;
    clusteredAccounts: number;
    /** Memberships after an account's first cluster, ignored. */
    ignoredMemberships: number;
    /** Clustered accounts missing from truth.csv (they form predicted pairs, never correct ones). */
    unknownAccounts: number;
  };
  /** Rings by how many of their members became candidates: all, some, none. */
  rings: { total: number; fullyFound: number; partiallyFound: number; missed: number };
  /**
   * Recall over the ring members that non-hub identifiers can reach (see reachableMembers), the
   * ceiling for detection on shared identifiers. null when the snapshot could not be found.
   */
  reachable: {
    snapshotDir: string;
    hubMinAccounts: number;
    hubs: number;
    /** Ring members linked to another member of their ring by a non-hub identifier. */
    reachableMembers: number;
    /** reachableMembers / all fraud accounts: the recall ceiling (a fraudster alone shares nothing with a fellow). */
    ceiling: number;
    /** Reachable members that are candidates. */
    truePositives: number;
    /** truePositives / reachableMembers. */
    recall: number;
  } | null;
}

export interface EvaluateOptions {
  /** The snapshot folder the run read; default: the one its manifest names, when it still exists. */
  snapshotDir?: string;
  /** The run's config (hub size, normalisation); default: the default config. */
  config?: Config;
}

/**
 * Scores a run folder (`candidates.csv`, `members.csv`) against a truth.csv. `runDir` may also be
 * a state folder, whose `latest` run is then used.
 */
export async function evaluateRun(runDir: string, truthPath: string, options: EvaluateOptions = {}): Promise<Evaluation> {
  const dir = (await exists(join(runDir, RunFile.candidates))) || !(await exists(join(runDir, 'latest'))) ? runDir : join(runDir, 'latest');
  const truth = await readTruth(truthPath);
  const accounts = truth.ringOf.length;

  // Candidates: a set of accounts (an account listed twice counts once).
  const flagged = new Uint8Array(accounts);
  let unknownCandidates = 0;
  const unknownSeen = new Set<string>();
  await readCandidates(dir, ({ accountId }) => {
    const id = accountId.trim();
    const i = truth.index.get(id);
    if (i !== undefined) flagged[i] = 1;
    else if (!unknownSeen.has(id)) {
      unknownSeen.add(id);
      unknownCandidates++;
    }
  });
  let candidates = unknownCandidates;
  let truePositives = 0;
  const foundInRing = new Int32Array(truth.ringIds.length);
  for (let i = 0; i < accounts; i++) {
    if (flagged[i] === 0) continue;
    candidates++;
    if (truth.fraud[i] === 1) truePositives++;
    const ring = truth.ringOf[i]!;
    if (ring >= 0) foundInRing[ring]! += 1;
  }
  const trueRingAccounts = truth.ringSizes.reduce((a, b) => a + b, 0);
  const trueFraudAccounts = truth.fraudAccounts;

  // Clusters: each account counts in the first cluster it is listed in.
  const clusterIds = new Map<string, number>();
  const clusterOf = new Int32Array(accounts).fill(-1);
  const unknownCluster = new Map<string, number>();
  let ignoredMemberships = 0;
  await readMembers(dir, (row) => {
    const clusterId = row.clusterId.trim();
    let c = clusterIds.get(clusterId);
    if (c === undefined) {
      c = clusterIds.size;
      clusterIds.set(clusterId, c);
    }
    const id = row.accountId.trim();
    const i = truth.index.get(id);
    if (i === undefined) {
      if (unknownCluster.has(id)) ignoredMemberships++;
      else unknownCluster.set(id, c);
    } else if (clusterOf[i] !== -1) {
      ignoredMemberships++;
    } else {
      clusterOf[i] = c;
    }
  });
  // Accounts outside truth.csv still make predicted pairs: append them as ring-less items.
  const predicted = new Int32Array(accounts + unknownCluster.size);
  predicted.set(clusterOf);
  const actual = new Int32Array(predicted.length).fill(-1);
  actual.set(truth.ringOf);
  let k = accounts;
  for (const c of unknownCluster.values()) predicted[k++] = c;
  const pairsCounted = pairCounts(predicted, actual);
  let clusteredAccounts = unknownCluster.size;
  for (let i = 0; i < accounts; i++) if (clusterOf[i] !== -1) clusteredAccounts++;

  let fullyFound = 0;
  let partiallyFound = 0;
  for (let r = 0; r < truth.ringIds.length; r++) {
    if (foundInRing[r] === truth.ringSizes[r]) fullyFound++;
    else if (foundInRing[r]! > 0) partiallyFound++;
  }

  const snapshotDir = options.snapshotDir ?? (await manifestInput(dir));
  let reachable: Evaluation['reachable'] = null;
  if (snapshotDir !== null) {
    const found = await snapshotReachability(snapshotDir, truth, options.config ?? ConfigSchema.parse({}));
    let reachedFlagged = 0;
    for (let i = 0; i < accounts; i++) if (found.reachable[i] === 1 && flagged[i] === 1) reachedFlagged++;
    reachable = {
      snapshotDir,
      hubMinAccounts: found.hubMinAccounts,
      hubs: found.hubs,
      reachableMembers: found.count,
      ceiling: trueFraudAccounts > 0 ? found.count / trueFraudAccounts : Number.NaN,
      truePositives: reachedFlagged,
      recall: found.count > 0 ? reachedFlagged / found.count : Number.NaN,
    };
  }

  return {
    runDir: dir,
    truthPath,
    accounts,
    candidates: {
      ...precisionRecall(truePositives, candidates, trueFraudAccounts),
      candidates,
      trueRingAccounts,
      trueFraudAccounts,
      truePositives,
      falsePositives: candidates - truePositives,
      falseNegatives: trueFraudAccounts - truePositives,
      unknownAccounts: unknownCandidates,
    },
    pairwise: {
      ...precisionRecall(pairsCounted.correct, pairsCounted.predicted, pairsCounted.actual),
      predictedPairs: pairsCounted.predicted,
      truePairs: pairsCounted.actual,
      correctPairs: pairsCounted.correct,
      clusters: clusterIds.size,
      clusteredAccounts,
      ignoredMemberships,
      unknownAccounts: unknownCluster.size,
    },
    rings: { total: truth.ringIds.length, fullyFound, partiallyFound, missed: truth.ringIds.length - fullyFound - partiallyFound },
    reachable,
  };
}

/** The snapshot folder named in the run's manifest, when both still exist. */
async function manifestInput(runDir: string): Promise<string | null> {
  const manifest = await readManifest(runDir).catch(() => null);
  if (manifest === null || !(await exists(manifest.input.dir))) return null;
  return manifest.input.dir;
}
