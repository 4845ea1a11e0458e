import { createHash } from 'node:crypto';
import { compareCodeUnits } from '../order.js';
import { clusterIdOf } from './cluster-id.js';
import type { Config } from '../config/config.js';
import type { Components } from '../graph/components.js';
import { ClusterAnalyser, type ClusterFeatures, type DetectionInput, type MemberFeatures } from './cluster-analysis.js';
import { summariseCluster } from './cluster-summary.js';
import type { CommunityResult } from './communities.js';
import type { Candidate, Cluster, Detection } from './detection.js';
import { applyRules, checkRuleFeatures } from './rules.js';

const clusterFeatureNames: (keyof ClusterFeatures)[] = [
  'size', 'sharedIdentifiers', 'sharedDevices', 'sharedCards', 'sharedPhones', 'sharedEmails', 'sharedAddresses', 'sharedIps',
  'sharedOther', 'sharedStrong', 'coveringMembers', 'burstMembers', 'burstShare', 'burstDays', 'transactions', 'chargebacks', 'chargebackMembers', 'chargebackRate', 'chargebackShare',
  'internalTransfers', 'transferCycle', 'knownFraudMembers', 'legitMembers', 'cardsSharedWithKnownFraud', 'hubLinks',
];
const memberFeatureNames: (keyof MemberFeatures)[] = [
  'sharedIdentifiers', 'strongSharedIdentifiers', 'inBurst', 'chargebacks', 'memberTransfers', 'knownFraud', 'legit', 'hubLinks',
];

/** Checked once, before any work: a rule that names no feature is a config error. */
export function checkScoringConfig(config: Config): void {
  checkRuleFeatures('cluster', config.scoring.clusterRules, clusterFeatureNames);
  checkRuleFeatures('member', config.scoring.memberRules, memberFeatureNames);
}

/**
 * Stage: communities → scored clusters and blacklist candidates. Every community is measured and
 * scored by the cluster rules; those reaching the threshold are suspected rings, and their members
 * whose own rules reach the member threshold become candidates.
 */
export function scoreCommunities(input: DetectionInput, components: Components, found: CommunityResult, config: Config): Detection {
  const analyser = new ClusterAnalyser(input, config.features);
  const ids = input.snapshot.accounts.ids;
  const { clusterRules, memberRules, clusterThreshold, memberThreshold } = config.scoring;
  const clusters: Cluster[] = [];
  const candidates: Candidate[] = [];
  for (const community of found.communities) {
    const members = Int32Array.from(community).sort((a, b) => compareCodeUnits(ids[a]!, ids[b]!));
    const analysis = analyser.analyse(members);
    const outcome = applyRules(clusterRules, analysis.features);
    const score = clamp(outcome.points);
    if (score < clusterThreshold) continue;
    const clusterId = contentId(members, ids);
    clusters.push({
      clusterId,
      members,
      score,
      features: analysis.features,
      contributions: outcome.contributions,
      shared: analysis.shared,
      summary: summariseCluster(analysis.features),
    });
    const clusterCodes = outcome.contributions.filter((c) => c.points > 0).map((c) => c.code);
    for (let m = 0; m < members.length; m++) {
      const features = analysis.memberFeatures[m]!;
      const own = applyRules(memberRules, features);
      if (own.points < memberThreshold) continue;
      candidates.push({
        account: members[m]!,
        clusterId,
        score: Math.round((score + clamp(own.points)) / 2),
        memberPoints: own.points,
        features,
        contributions: own.contributions,
        reasons: [...clusterCodes, ...own.contributions.filter((c) => c.points > 0).map((c) => c.code)],
      });
    }
  }
  clusters.sort((x, y) => y.score - x.score || compareCodeUnits(x.clusterId, y.clusterId));
  candidates.sort((x, y) => y.score - x.score || compareCodeUnits(ids[x.account]!, ids[y.account]!));
  return {
    clusters,
    candidates,
    stats: {
      components: components.count,
      largestComponent: found.largestComponent,
      louvainRuns: found.louvainRuns,
      communities: found.communities.length,
      hubs: input.weights.hubCount,
    },
  };
}

/** A cluster's first id is derived from its members, so the same ring gets the same id on the same input. */
function contentId(members: Int32Array, ids: readonly string[]): string {
  const hash = createHash('sha256');
  for (const a of members) hash.update(ids[a]!).update('\n');
  return clusterIdOf(hash);
}

function clamp(points: number): number {
  return Math.max(0, Math.min(100, Math.round(points)));
}
