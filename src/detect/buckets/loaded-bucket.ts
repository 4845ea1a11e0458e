import type { Config } from '../../config/config.js';
import { clusterGraphFacts, hubFacts, type ClusterGraphFacts, type GraphView } from '../../graph/graph-facts.js';
import { accountsSharing } from '../../graph/identifier-graph.js';
import type { HubRow } from '../../run/run-files.js';
import { ClusterAnalyser, type DetectionInput } from '../cluster-analysis.js';
import { collectEvidence, type EvidenceOptions } from '../collect-evidence.js';
import type { Candidate, Cluster, Detection } from '../detection.js';
import type { CandidateEvidence } from '../evidence.js';
import type { Term } from '../model-terms.js';
import type { Scorer } from '../scorer.js';
import { applyBucket } from './apply-bucket.js';
import type { DetectionBucket } from './detection-bucket.js';
import { mapBucket, type BucketMap, type BucketSummary, type GroupingStats } from './map-bucket.js';
import { configuredTerms } from './night-fit.js';
import type { NightTotals } from './night-totals.js';
import { bucketTrainingRows, type BucketTrainingRows } from './training-rows.js';
import type { BucketSample, TrainingSample } from './training-sample.js';

/**
 * One bucket loaded alone (a worker's): detection's input over the bucket's accounts and
 * identifiers, numbered in the night's orders (accounts ascending by their place in the night,
 * identifiers by the first link naming them), so every order within the bucket is the night's.
 * `places` ties each of the bucket's accounts to its place in the night, which every result sent
 * to the reduce and the merge is translated to, and `identifierPlaces` each identifier to its index
 * in the night (a cluster's shared identifiers).
 */
export interface LoadedBucket {
  input: DetectionInput;
  bucket: DetectionBucket;
  /** each bucket account's place in the night's account order, ascending */
  places: Int32Array;
  /** each bucket identifier's index in the night's identifier numbering, ascending */
  identifierPlaces: Int32Array;
}

/** What the map phase sends the reduce: counts, and places in the night's order. */
export interface MappedBucket {
  accounts: number;
  summary: BucketSummary;
  grouping: GroupingStats;
}

/** What the apply phase sends the merge, in the night's places. */
export interface AppliedBucket {
  /** the bucket's accounts (places in the night), each one's risk and proximity to known fraud */
  places: Int32Array;
  risk: Float32Array;
  proximity: Float64Array;
  clusters: Cluster[];
  candidates: Array<{ candidate: Candidate; logit: number }>;
  /** Σ risk of the bucket's accounts without a fraud label, as exact partial sums (ExactSum.fromPartials) */
  unlabelledRisk: number[];
}

/** What the evidence phase reads of the named detection: the bucket's clusters and candidates, in the night's places. */
export type EvidenceRequest = Pick<Detection, 'clusters' | 'candidates' | 'model' | 'calibration'>;

/** What the evidence phase sends back: its candidates' evidence, and what only the bucket's graph knows of its clusters and hubs (the run folder's files name them). */
export interface BucketEvidence {
  evidence: CandidateEvidence[];
  clusterFacts: Array<[clusterId: string, facts: ClusterGraphFacts]>;
  hubs: HubRow[];
}

function analyserOf(input: DetectionInput, config: Config): ClusterAnalyser {
  return new ClusterAnalyser(input, { burstWindowDays: config.features.burstWindowDays, classes: config.kinds.classes });
}

/** Phase 1 on a loaded bucket: the map (kept in the bucket, bucket indices) and its summary in the night's places. */
export function mapLoadedBucket(loaded: LoadedBucket, totals: NightTotals, config: Config): { map: BucketMap; mapped: MappedBucket } {
  const { input, bucket, places } = loaded;
  const map = mapBucket(input, bucket, analyserOf(input, config), configuredTerms(totals, config).terms, config);
  const { summary } = map;
  return {
    map,
    mapped: {
      accounts: bucket.accounts.length,
      summary: { ...summary, communityFirst: toNight(summary.communityFirst, places), loneOffers: toNight(summary.loneOffers, places) },
      grouping: map.grouping,
    },
  };
}

/** Phase 2b on a loaded bucket: its training rows, keyed by places in the night (the reduce merges on them). */
export function loadedBucketRows(loaded: LoadedBucket, map: BucketMap, sample: TrainingSample, place: BucketSample, terms: readonly Term[], fold: Uint8Array): BucketTrainingRows {
  const rows = bucketTrainingRows(loaded.input, map, sample, place, terms, fold);
  return { rows: rows.rows, key: toNight(rows.key, loaded.places) };
}

/** Phase 3 on a loaded bucket: every account's risk, the clusters and candidates, in the night's places. */
export function applyLoadedBucket(loaded: LoadedBucket, map: BucketMap, scorer: Scorer, config: Config): AppliedBucket {
  const { input, places } = loaded;
  const risk = new Float32Array(places.length);
  const applied = applyBucket(input, map, analyserOf(input, config), scorer, config, risk);
  return {
    places,
    risk,
    proximity: input.proximity,
    clusters: applied.clusters.map((c) => ({ ...c, members: toNight(c.members, places), shared: c.shared.map((s) => ({ ...s, identifier: loaded.identifierPlaces[s.identifier]! })) })),
    candidates: applied.candidates.map(({ candidate, logit }) => ({ logit, candidate: { ...candidate, account: places[candidate.account]! } })),
    unlabelledRisk: applied.unlabelledRisk.partialSums(),
  };
}

/**
 * Phase 5 on a loaded bucket: the evidence of its candidates (named by lineage), whose clusters
 * lie in the bucket with them. Bundles name accounts by id, so they merge as they are.
 */
export function loadedBucketEvidence(loaded: LoadedBucket, request: EvidenceRequest, options: EvidenceOptions): BucketEvidence {
  const local = (places: Int32Array, place: number, what: string) => {
    const a = lowerBound(places, place);
    if (places[a] !== place) throw new Error(`${what} ${place} of the night is not in this bucket`);
    return a;
  };
  const clusters = request.clusters.map((c) => ({ ...c, members: Int32Array.from(c.members, (a) => local(loaded.places, a, 'account')) }));
  const candidates = request.candidates.map((c) => ({ ...c, account: local(loaded.places, c.account, 'account') }));
  const withCandidates = new Set(candidates.map((c) => c.clusterId));
  const evidence = collectEvidence(loaded.input, { ...request, clusters: clusters.filter((c) => withCandidates.has(c.clusterId)), candidates }, options);
  const { snapshot, graph, weights, night } = loaded.input;
  const view: GraphView = { snapshot, graph, hub: weights.hub, accountsOf: (i) => (night ? night.accounts[i]! : accountsSharing(graph, i)) };
  const clusterFacts = clusters.map((c): [string, ClusterGraphFacts] => [c.clusterId, clusterGraphFacts(view, c.members, c.shared.map((s) => ({ ...s, identifier: local(loaded.identifierPlaces, s.identifier, 'identifier') })))]);
  return { evidence, clusterFacts, hubs: hubFacts(view) };
}

/** Bucket indices as places in the night (ascending stays ascending: the bucket is in the night's order). */
function toNight(indices: Int32Array, places: Int32Array): Int32Array {
  return Int32Array.from(indices, (a) => places[a]!);
}

function lowerBound(sorted: Int32Array, value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
