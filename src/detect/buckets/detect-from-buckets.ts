import type { Config } from '../../config/config.js';
import type { EvidenceOptions } from '../collect-evidence.js';
import type { Detection } from '../detection.js';
import type { CandidateEvidence } from '../evidence.js';
import { ExactSum } from '../exact-sum.js';
import type { Term } from '../model-terms.js';
import { compareCodeUnits } from '../../order.js';
import type { Scorer } from '../scorer.js';
import { untimed, type DetectionStep } from './detect-by-buckets.js';
import type { AppliedBucket, BucketEvidence, EvidenceRequest, MappedBucket } from './loaded-bucket.js';
import { bucketGraphFacts, type ClusterGraphFacts, type GraphFacts } from '../../graph/graph-facts.js';
import { mergeDetection } from './merge-detection.js';
import { fitNight, planNight } from './night-fit.js';
import type { NightTotals } from './night-totals.js';
import { mergeTrainingRows, type BucketTrainingRows } from './training-rows.js';
import type { BucketSample, TrainingSample } from './training-sample.js';

/** The sample's rates and one bucket's places in it: what the rows phase of a bucket reads. */
export interface BucketRowsPlan {
  sample: Omit<TrainingSample, 'buckets'>;
  place: BucketSample;
  /** the model's terms, priors measured */
  terms: readonly Term[];
}

/**
 * The per-bucket phases, run wherever the buckets are loaded (worker processes: each phase of a
 * bucket loads it alone). Every result is in the night's places (LoadedBucket).
 */
export interface BucketWork {
  readonly buckets: number;
  map(bucket: number): Promise<MappedBucket>;
  rows(bucket: number, plan: BucketRowsPlan): Promise<BucketTrainingRows>;
  apply(bucket: number, scorer: Scorer): Promise<AppliedBucket>;
  evidence(bucket: number, request: EvidenceRequest): Promise<BucketEvidence>;
}

/** What the parent holds of the night: account ids and labels (approvals marked as fraud) in the night's order, and the totals. */
export interface NightOfBuckets {
  ids: readonly string[];
  label: Int8Array;
  totals: NightTotals;
}

/** The merged detection, and the bucket of every account (for the evidence phase, after lineage). */
export interface BucketDetection {
  detection: Detection;
  bucketOf: Int32Array;
}

/**
 * Stage: detection over buckets each loaded alone (docs/detection-buckets.md): map per bucket,
 * reduce once here (priors, the training sample, the fit in the night's row order, the
 * calibration), apply per bucket, merge here in the night's order. The same answer as
 * detectByBuckets over the whole snapshot: every order a bucket sends is in the night's places.
 */
export async function detectFromBuckets(night: NightOfBuckets, work: BucketWork, config: Config, step: DetectionStep = untimed): Promise<BucketDetection> {
  const { ids, label, totals } = night;
  const all = <T>(phase: (bucket: number) => Promise<T>) => Promise.all(Array.from({ length: work.buckets }, (_, b) => phase(b)));

  const maps = await step('communities', () => all((b) => work.map(b)));

  const fitted = await step('fit', async () => {
    const plan = planNight(maps.map((m) => m.summary), totals, config);
    const { groupedRate, loneRate } = plan.sample;
    const rows = await all((b) => work.rows(b, { sample: { groupedRate, loneRate }, place: plan.sample.buckets[b]!, terms: plan.terms }));
    return fitNight(plan, mergeTrainingRows(rows), totals, config);
  });

  return step('score', async () => {
    // the held-out scores stay here: the buckets score with the weights and the calibration
    const scorer: Scorer = { terms: fitted.terms, model: { ...fitted.model, heldOut: null }, calibration: fitted.calibration };
    const applied = await all((b) => work.apply(b, scorer));
    const accountRisk = new Float32Array(ids.length);
    const proximity = new Float64Array(ids.length);
    const bucketOf = new Int32Array(ids.length).fill(-1);
    applied.forEach((part, b) => {
      part.places.forEach((a, i) => {
        accountRisk[a] = part.risk[i]!;
        proximity[a] = part.proximity[i]!;
        bucketOf[a] = b;
      });
    });
    const missing = bucketOf.indexOf(-1);
    if (missing >= 0) throw new Error(`account ${ids[missing]} is in no bucket`);
    const merged = applied.map((part) => ({ clusters: part.clusters, candidates: part.candidates, unlabelledRisk: ExactSum.fromPartials(part.unlabelledRisk) }));
    const detection = mergeDetection({ ids, label, proximity }, merged, maps.map((m) => m.grouping), fitted, totals, accountRisk, config);
    return { detection, bucketOf };
  });
}

/**
 * The evidence of every candidate of a detection that lineage has named, bucket by bucket where
 * each bucket is loaded (a cluster is in one bucket), merged in account order; with it, the graph's
 * facts about every cluster and hub, which only the buckets' graphs know.
 */
export async function evidenceFromBuckets(named: Detection, bucketOf: Int32Array, work: BucketWork, options: EvidenceOptions): Promise<{ evidence: CandidateEvidence[]; facts: GraphFacts }> {
  const parts: BucketEvidence[] = await Promise.all(
    Array.from({ length: work.buckets }, (_, b) => {
      const clusters = named.clusters.filter((c) => bucketOf[c.members[0]!] === b);
      const candidates = named.candidates.filter((c) => bucketOf[c.account] === b);
      return work.evidence(b, { clusters, candidates, model: named.model, calibration: named.calibration });
    }),
  );
  const clusterFacts = new Map<string, ClusterGraphFacts>(parts.flatMap((p) => p.clusterFacts));
  return {
    evidence: parts.flatMap((p) => p.evidence).sort((x, y) => compareCodeUnits(x.accountId, y.accountId)),
    facts: bucketGraphFacts(clusterFacts, parts.flatMap((p) => p.hubs)),
  };
}
