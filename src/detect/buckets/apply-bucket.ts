import { createHash } from 'node:crypto';
import type { Config } from '../../config/config.js';
import type { ClusterAnalyser, DetectionInput } from '../cluster-analysis.js';
import { clusterIdOf } from '../cluster-id.js';
import { summariseCluster } from '../cluster-summary.js';
import type { Candidate, Cluster } from '../detection.js';
import { ExactSum } from '../exact-sum.js';
import { round } from '../round.js';
import { meanContributions, memberRisk, scoreMember, type Scorer } from '../scorer.js';
import { SoloTermValues } from '../solo-term-values.js';
import type { BucketMap } from './map-bucket.js';

/** A candidate with the ranking's own score, which orders candidates within a step of calibrated risk. */
export interface RankedCandidate {
  candidate: Candidate;
  logit: number;
}

/** Phase 3 of detection, per bucket: what the bucket reports, before the global merge and queue cut. */
export interface BucketApplied {
  clusters: Cluster[];
  candidates: RankedCandidate[];
  /** Σ risk of the bucket's accounts without a fraud label */
  unlabelledRisk: ExactSum;
}

/**
 * Every account's risk (written to `accountRisk`, by account index), and the bucket's clusters
 * and candidates: each cluster's risk is the mean risk of its members without their labels;
 * members of reported clusters whose own risk reaches the member threshold are candidates.
 */
export function applyBucket(input: DetectionInput, map: BucketMap, analyser: ClusterAnalyser, scorer: Scorer, config: Config, accountRisk: Float32Array): BucketApplied {
  const { ids, label } = input.snapshot.accounts;
  const { terms } = scorer;
  const { clusterThreshold, memberThreshold } = config.scoring;
  const clusters: Cluster[] = [];
  const candidates: RankedCandidate[] = [];
  for (const community of map.communities) {
    // the cluster's risk first, from numbers alone: most communities are not reported, and
    // their members need no contributions spelled out
    let withoutLabels = 0;
    for (let m = 0; m < community.members.length; m++) {
      const risk = memberRisk(scorer, community.values, m * terms.length);
      withoutLabels += risk.riskWithoutLabel;
      accountRisk[community.members[m]!] = risk.risk;
    }
    const clusterScore = Math.min(0.999999, round(withoutLabels / community.members.length, 6));
    if (clusterScore < clusterThreshold) continue;
    const analysis = analyser.analyse(community.members);
    const { members, features } = analysis;
    const scored = analysis.memberFeatures.map((member, m) => scoreMember(scorer, features, member, community.values, m * terms.length));
    const clusterId = contentId(members, ids);
    const clusterContributions = meanContributions(scored.map((m) => m.cluster), members.length);
    clusters.push({ clusterId, members, score: clusterScore, features, contributions: clusterContributions, shared: analysis.shared, summary: summariseCluster(features) });
    const clusterCodes = clusterContributions.filter((c) => c.points > 0).map((c) => c.code);
    for (let m = 0; m < members.length; m++) {
      const s = scored[m]!;
      if (s.risk < memberThreshold) continue;
      candidates.push({
        logit: s.logit,
        candidate: {
          account: members[m]!,
          clusterId,
          score: s.risk,
          memberPoints: round(s.memberPoints),
          features: analysis.memberFeatures[m]!,
          contributions: s.member,
          reasons: [...clusterCodes, ...s.member.filter((c) => c.points > 0).map((c) => c.code)],
        },
      });
    }
  }
  const solo = new SoloTermValues(terms, input);
  // a shared row (most lone accounts) has one risk: it is worked out once
  const sharedRisk = new Map<Float64Array, number>();
  for (const a of map.lone) {
    const values = solo.of(a);
    let risk = sharedRisk.get(values);
    if (risk === undefined) {
      risk = memberRisk(scorer, values, 0).risk;
      if (solo.isShared(values)) sharedRisk.set(values, risk);
    }
    accountRisk[a] = risk;
  }
  const unlabelledRisk = new ExactSum();
  for (const a of map.bucket.accounts) if (label[a] !== 1) unlabelledRisk.add(accountRisk[a]!);
  return { clusters, candidates, unlabelledRisk };
}

/** A cluster's first id is derived from its members, so the same ring gets the same id on the same input. */
function contentId(members: Int32Array, ids: readonly string[]): string {
  const hash = createHash('sha256');
  for (const a of members) hash.update(ids[a]!).update('\n');
  return clusterIdOf(hash);
}
