import type { ClusterFeatures, MemberFeatures, SharedIdentifier } from './cluster-analysis.js';
import type { Contribution } from './rules.js';

/** A suspected ring: a community whose score reached the cluster threshold. */
export interface Cluster {
  clusterId: string;
  /** account indices, ascending by account id */
  members: Int32Array;
  score: number;
  features: ClusterFeatures;
  contributions: Contribution[];
  shared: SharedIdentifier[];
  summary: string;
}

/** A member of a suspected ring whose own evidence reached the member threshold. */
export interface Candidate {
  account: number;
  clusterId: string;
  /** mean of the cluster score and the member's own points, both capped to 0–100 */
  score: number;
  memberPoints: number;
  features: MemberFeatures;
  contributions: Contribution[];
  /** cluster reason codes followed by the member's own */
  reasons: string[];
}

export interface Detection {
  clusters: Cluster[];
  candidates: Candidate[];
  stats: {
    components: number;
    largestComponent: number;
    louvainRuns: number;
    communities: number;
    hubs: number;
  };
}
