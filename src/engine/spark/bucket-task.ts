import { readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import type { BucketRowsPlan } from '../../detect/buckets/detect-from-buckets.js';
import { applyLoadedBucket, loadedBucketEvidence, loadedBucketRows, mapLoadedBucket, type EvidenceRequest, type LoadedBucket } from '../../detect/buckets/loaded-bucket.js';
import type { BucketMap } from '../../detect/buckets/map-bucket.js';
import type { Scorer } from '../../detect/scorer.js';
import { bucketCrashPoint } from '../../run/crash-point.js';
import { valueList } from '../../snapshot/identifier-values.js';
import { loadBucket, type BucketNight } from './load-bucket.js';

/** One phase of one bucket, as a worker process is handed it. */
export type BucketTask = { bucket: number; night: BucketNight; attempt: number } & (
  | { phase: 'map' }
  | { phase: 'rows'; plan: BucketRowsPlan }
  | { phase: 'apply'; scorer: Scorer }
  | { phase: 'evidence'; request: EvidenceRequest }
);

/** What a worker hands back: the phase's result, and how long reading the bucket (Parquet, or the map phase's spill), building it, and the phase took. */
export interface BucketTaskResult {
  result: unknown;
  accounts: number;
  readMs: number;
  loadMs: number;
  workMs: number;
}

type Loaded = LoadedBucket & { fold: Uint8Array };

/**
 * Runs one phase of one bucket. The map phase loads the bucket from the Spark job's Parquet
 * (readBucket, then the graph, weights, index, proximity and components) and leaves it, with the
 * map (communities with their term values, lone accounts), in the spill folder as one
 * v8-serialised file; the rows, apply and evidence phases read that file back instead of the
 * Parquet (at 1M accounts a bucket of 62k accounts loads from Parquet in about 4–5 s, and the
 * spill in a fraction of that). A worker holds one bucket at a time and nothing between phases.
 */
export async function runBucketTask(task: BucketTask): Promise<BucketTaskResult> {
  const started = performance.now();
  const spill = join(task.night.spillDir, `bucket-${task.bucket}.v8`);
  let loaded: Loaded;
  let map: BucketMap | null = null;
  let readMs: number;
  if (task.phase === 'map') {
    const fresh = await loadBucket(task.bucket, task.night);
    loaded = fresh;
    readMs = fresh.readMs;
  } else {
    const kept = await readSpill(spill);
    readMs = performance.now() - started;
    loaded = kept.loaded;
    map = kept.map;
  }
  const loadMs = performance.now() - started;
  bucketCrashPoint(task.phase, task.bucket, task.attempt);
  const { config, totals } = task.night;
  let result: unknown;
  switch (task.phase) {
    case 'map': {
      const mapped = mapLoadedBucket(loaded, totals, config);
      await writeSpill(spill, loaded, mapped.map);
      result = mapped.mapped;
      break;
    }
    case 'rows':
      result = loadedBucketRows(loaded, map!, { ...task.plan.sample, buckets: [] }, task.plan.place, task.plan.terms, loaded.fold);
      break;
    case 'apply':
      result = applyLoadedBucket(loaded, map!, task.scorer, config);
      break;
    case 'evidence':
      result = loadedBucketEvidence(loaded, task.request, config.evidence);
      break;
  }
  return { result, accounts: loaded.places.length, readMs, loadMs, workMs: performance.now() - started - loadMs };
}

interface Spill {
  loaded: Loaded;
  map: BucketMap;
}

/** The loaded bucket and its map in one file, written whole then renamed: a worker killed mid-write leaves no half file for the rerun. */
async function writeSpill(path: string, loaded: Loaded, map: BucketMap): Promise<void> {
  const { snapshot } = loaded.input;
  const values = Array.from({ length: snapshot.identifiers.values.length }, (_, i) => snapshot.identifiers.values.at(i));
  // the values are read through a function, which does not serialise: as their strings
  const plain = { ...loaded, input: { ...loaded.input, snapshot: { ...snapshot, identifiers: { ...snapshot.identifiers, values } } } };
  await writeFile(`${path}.partial`, serialize({ loaded: plain, map }));
  await rename(`${path}.partial`, path);
}

async function readSpill(path: string): Promise<Spill> {
  const spill = deserialize(await readFile(path)) as Spill;
  const identifiers = spill.loaded.input.snapshot.identifiers as unknown as { values: string[] };
  spill.loaded.input.snapshot.identifiers.values = valueList(identifiers.values);
  return spill;
}
