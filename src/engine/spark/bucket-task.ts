import { readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import type { BucketRowsPlan } from '../../detect/buckets/detect-from-buckets.js';
import { applyLoadedBucket, loadedBucketEvidence, loadedBucketRows, mapLoadedBucket, type EvidenceRequest } from '../../detect/buckets/loaded-bucket.js';
import type { BucketMap } from '../../detect/buckets/map-bucket.js';
import type { Scorer } from '../../detect/scorer.js';
import { bucketCrashPoint } from '../../run/crash-point.js';
import { loadBucket, type BucketNight } from './load-bucket.js';

/** One phase of one bucket, as a worker process is handed it. */
export type BucketTask = { bucket: number; night: BucketNight; attempt: number } & (
  | { phase: 'map' }
  | { phase: 'rows'; plan: BucketRowsPlan }
  | { phase: 'apply'; scorer: Scorer }
  | { phase: 'evidence'; request: EvidenceRequest }
);

/** What a worker hands back: the phase's result, and how long reading the bucket's Parquet, the rest of loading it, and the phase took. */
export interface BucketTaskResult {
  result: unknown;
  accounts: number;
  readMs: number;
  loadMs: number;
  workMs: number;
}

/**
 * Runs one phase of one bucket: loads the bucket (every phase loads it again: a worker holds one
 * bucket at a time and nothing between phases) and runs the phase on it. The map phase leaves
 * the bucket's map (communities with their term values, lone accounts) in the spill folder,
 * where the rows and apply phases read it instead of finding the communities again.
 */
export async function runBucketTask(task: BucketTask): Promise<BucketTaskResult> {
  const started = performance.now();
  const loaded = await loadBucket(task.bucket, task.night);
  const loadMs = performance.now() - started;
  bucketCrashPoint(task.phase, task.bucket, task.attempt);
  const { config, totals } = task.night;
  const spill = join(task.night.spillDir, `map-${task.bucket}.v8`);
  const spilled = async () => deserialize(await readFile(spill)) as BucketMap;
  let result: unknown;
  switch (task.phase) {
    case 'map': {
      const { map, mapped } = mapLoadedBucket(loaded, totals, config);
      // written whole, then renamed: a worker killed mid-write leaves no half map for the rerun
      await writeFile(`${spill}.partial`, serialize(map));
      await rename(`${spill}.partial`, spill);
      result = mapped;
      break;
    }
    case 'rows':
      result = loadedBucketRows(loaded, await spilled(), { ...task.plan.sample, buckets: [] }, task.plan.place, task.plan.terms, loaded.fold);
      break;
    case 'apply':
      result = applyLoadedBucket(loaded, await spilled(), task.scorer, config);
      break;
    case 'evidence':
      result = loadedBucketEvidence(loaded, task.request, config.evidence);
      break;
  }
  return { result, accounts: loaded.places.length, readMs: loaded.readMs, loadMs, workMs: performance.now() - started - loadMs };
}
