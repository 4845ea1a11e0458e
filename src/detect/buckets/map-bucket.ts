import { compareCodeUnits } from '../../order.js';
import type { Config } from '../../config/config.js';
import type { ClusterAnalyser, ClusterAnalysis, DetectionInput } from '../cluster-analysis.js';
import { detectCommunities } from '../communities.js';
import { termValue, type Term } from '../model-terms.js';
import { countRuleFirings } from '../term-prevalence.js';
import type { DetectionBucket } from './detection-bucket.js';

/** A community as the model reads it: its members and every term's value for each member. */
export interface CommunityTerms {
  /** the smallest account index: the community's place in the global order */
  first: number;
  /** account indices in account-id order */
  members: Int32Array;
  /** row-major: member m's value of term t at m × terms + t */
  values: Float64Array;
}

/**
 * What the reduce reads of one bucket: counts, and the places in the global order of the
 * accounts the training sample is drawn from. Small beside the bucket: no term values.
 */
export interface BucketSummary {
  /** per configured term, the members its rule fires for (countRuleFirings) */
  fires: Float64Array;
  /** accounts in a community without a fraud label, and in none without one */
  groupedUnlabelled: number;
  loneUnlabelled: number;
  /** members with a fraud label that train: every one is a training row */
  groupedLabelledRows: number;
  /** per community (bucket order): its first account, and its members the grouped sample is offered (unlabelled, training) */
  communityFirst: Int32Array;
  communityOffers: Int32Array;
  /** lone accounts the lone sample is offered (unlabelled, training), ascending */
  loneOffers: Int32Array;
}

/** What community detection found in a bucket, as the manifest counts it. */
export interface GroupingStats {
  louvainRuns: number;
  largestComponent: number;
  carvedComponents: number;
  largestGroup: number;
  communities: number;
}

/** Phase 1 of detection, per bucket: the communities with their term values, the lone accounts, and the summary for the reduce. */
export interface BucketMap {
  bucket: DetectionBucket;
  communities: CommunityTerms[];
  /** the bucket's accounts in no community, ascending */
  lone: Int32Array;
  grouping: GroupingStats;
  summary: BucketSummary;
}

/**
 * Communities of the bucket's components (Louvain is seeded by each component's first account,
 * so a component is grouped alike in any bucket), each member's term values, and the counts the
 * reduce needs. `configured` are the model's terms before their priors are measured: term values
 * do not depend on priors.
 */
export function mapBucket(input: DetectionInput, bucket: DetectionBucket, analyser: ClusterAnalyser, configured: readonly Term[], config: Config): BucketMap {
  const { ids, label, approved } = input.snapshot.accounts;
  const found = detectCommunities(input.graph, input.weights, bucket.components, ids, { seed: config.seed, ...config.communities, maxComponentAccounts: config.graph.maxComponentAccounts });
  // Each community as numbers only: the analyses themselves (objects for every member of a
  // million communities at 10M accounts) would stay in the heap for the collector to walk until
  // the end; the few reported clusters are analysed again when they are scored.
  const communities = found.communities.map((community) => termValues(community[0]!, configured, analyser.analyse(Int32Array.from(community).sort((a, b) => compareCodeUnits(ids[a]!, ids[b]!)))));
  // Approvals are known fraud, but not training rows (see trainingRows)
  const trains = (a: number) => approved === undefined || approved[a] !== 1;
  const grouped = new Uint8Array(ids.length);
  let groupedUnlabelled = 0;
  let groupedLabelledRows = 0;
  const communityOffers = new Int32Array(communities.length);
  communities.forEach(({ members }, c) => {
    for (const a of members) {
      grouped[a] = 1;
      if (label[a] !== 1) groupedUnlabelled++;
      if (!trains(a)) continue;
      if (label[a] === 1) groupedLabelledRows++;
      else communityOffers[c]!++;
    }
  });
  const lone: number[] = [];
  const loneOffers: number[] = [];
  let loneUnlabelled = 0;
  for (const a of bucket.accounts) {
    if (grouped[a]) continue;
    lone.push(a);
    if (label[a] === 1) continue;
    loneUnlabelled++;
    if (trains(a)) loneOffers.push(a);
  }
  return {
    bucket,
    communities,
    lone: Int32Array.from(lone),
    grouping: { louvainRuns: found.louvainRuns, largestComponent: found.largestComponent, carvedComponents: found.carvedComponents, largestGroup: found.largestGroup, communities: found.communities.length },
    summary: {
      fires: countRuleFirings(configured, communities),
      groupedUnlabelled,
      loneUnlabelled,
      groupedLabelledRows,
      communityFirst: Int32Array.from(communities, (c) => c.first),
      communityOffers,
      loneOffers: Int32Array.from(loneOffers),
    },
  };
}

function termValues(first: number, terms: readonly Term[], analysis: ClusterAnalysis): CommunityTerms {
  const { members, features, memberFeatures } = analysis;
  const values = new Float64Array(members.length * terms.length);
  for (let m = 0; m < members.length; m++) for (let t = 0; t < terms.length; t++) values[m * terms.length + t] = termValue(terms[t]!, features, memberFeatures[m]!);
  return { first, members, values };
}
