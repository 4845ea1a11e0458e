import { compareCodeUnits } from '../../order.js';
import type { DetectionInput } from '../cluster-analysis.js';
import { collectEvidence, type EvidenceOptions } from '../collect-evidence.js';
import type { Detection } from '../detection.js';
import type { CandidateEvidence } from '../evidence.js';
import type { DetectionBucket } from './detection-bucket.js';

/**
 * The evidence of every candidate, bucket by bucket: a candidate's bundle reads its own links
 * (and how many accounts of the whole night use each identifier), its cluster (in its component,
 * so in its bucket), and paths to blacklisted accounts over linking identifiers (which never
 * leave the component). Bundles merge in account order, as one pass writes them. Cluster ids
 * must already be the final (lineage) ids.
 */
export function evidenceByBuckets(input: DetectionInput, detection: Detection, buckets: readonly DetectionBucket[], options: EvidenceOptions): CandidateEvidence[] {
  if (buckets.length === 1) return collectEvidence(input, detection, options);
  const bucketOf = new Int32Array(input.snapshot.accounts.ids.length);
  buckets.forEach((bucket, b) => {
    for (const a of bucket.accounts) bucketOf[a] = b;
  });
  const bundles = buckets.flatMap((_, b) => {
    const candidates = detection.candidates.filter((c) => bucketOf[c.account] === b);
    const clusterIds = new Set(candidates.map((c) => c.clusterId));
    const clusters = detection.clusters.filter((c) => clusterIds.has(c.clusterId));
    return collectEvidence(input, { ...detection, clusters, candidates }, options);
  });
  return bundles.sort((x, y) => compareCodeUnits(x.accountId, y.accountId));
}
