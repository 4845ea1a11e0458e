import { readdir, readlink, rename, rm, symlink } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { DamagedStateError } from '../errors.js';
import type { Logger } from '../log.js';
import { compareCodeUnits } from '../order.js';
import type { RunManifest } from './manifest.js';
import { readManifest } from './run-files.js';
import { isRunId } from './run-id.js';

/** What `latest` points at: the run id, or null before the first succeeded run. */
export async function latestRunId(stateDir: string): Promise<string | null> {
  try {
    return basename(await readlink(join(stateDir, 'latest')));
  } catch {
    return null;
  }
}

/**
 * Moves `latest` to `runs/<runId>` atomically: a new link beside it, renamed over it. Returns the
 * new link's path when `rename` is false (the caller renames it later, see RunFolder.seal).
 */
export async function prepareLatest(stateDir: string, runId: string): Promise<string> {
  const temp = join(stateDir, `.latest.${process.pid}`);
  await rm(temp, { force: true });
  await symlink(join('runs', runId), temp);
  return temp;
}

export async function pointLatest(stateDir: string, runId: string): Promise<void> {
  const temp = await prepareLatest(stateDir, runId);
  try {
    await rename(temp, join(stateDir, 'latest'));
  } catch (err) {
    await rm(temp, { force: true }).catch(() => undefined);
    throw err;
  }
}

/** A sealed, succeeded run of the state folder (its folder's manifest names it). */
interface SealedRun {
  runId: string;
  startedAt: string;
}

/** Every sealed run that succeeded, newest first (by start time, then id). */
export async function sealedSucceededRuns(stateDir: string): Promise<SealedRun[]> {
  let names: string[];
  try {
    names = (await readdir(join(stateDir, 'runs'), { withFileTypes: true })).filter((e) => e.isDirectory() && isRunId(e.name)).map((e) => e.name);
  } catch {
    return [];
  }
  const runs: SealedRun[] = [];
  for (const name of names) {
    const manifest: RunManifest | null = await readManifest(join(stateDir, 'runs', name)).catch(() => null);
    if (manifest?.runId === name && manifest.status === 'succeeded') runs.push({ runId: name, startedAt: manifest.startedAt });
  }
  return runs.sort((x, y) => compareCodeUnits(y.startedAt, x.startedAt) || compareCodeUnits(y.runId, x.runId));
}

/** What repairLatest found and did: `movedTo` is set when it moved `latest`. */
export interface LatestRepair {
  latest: string | null;
  movedTo: string | null;
}

/**
 * Step 0 of a night, under nightly.lock (docs/commit-protocol.md): makes `latest` name the newest
 * sealed, succeeded run before anything reads it.
 * - `.latest.<pid>` links left by a run killed while sealing are removed.
 * - A `latest` that points to a missing folder, or to one without a succeeded manifest, is moved
 *   to the newest sealed run with a warning; with none left, the night refuses (exit 7) rather
 *   than start lineage anew without anyone deciding so.
 * - A run sealed as succeeded after the one `latest` names (killed between the two renames of
 *   sealing) becomes `latest`, with a warning.
 */
export async function repairLatest(stateDir: string, log: Logger): Promise<LatestRepair> {
  for (const entry of await readdir(stateDir).catch(() => [] as string[])) {
    if (/^\.latest\.\d+$/.test(entry)) await rm(join(stateDir, entry), { force: true });
  }
  const pointed = await latestRunId(stateDir);
  const sealed = await sealedSucceededRuns(stateDir);
  const newest = sealed[0] ?? null;
  const target = pointed === null ? null : (sealed.find((r) => r.runId === pointed) ?? null);
  if (pointed !== null && target === null) {
    if (newest === null) {
      throw new DamagedStateError(`${join(stateDir, 'latest')} points to runs/${pointed}, which is missing or did not succeed, and no sealed run is left: restore runs/${pointed}, or remove latest to start lineage anew`);
    }
    await pointLatest(stateDir, newest.runId);
    log.warn({ latest: `runs/${pointed}`, now: `runs/${newest.runId}` }, 'latest pointed to a run folder that is missing or did not succeed; it now points to the newest sealed run');
    return { latest: newest.runId, movedTo: newest.runId };
  }
  if (newest !== null && newest.runId !== pointed && (target === null || compareCodeUnits(newest.startedAt, target.startedAt) > 0)) {
    await pointLatest(stateDir, newest.runId);
    log.warn({ run: newest.runId, previousLatest: pointed }, 'a run was sealed as succeeded but never became latest (killed while sealing); latest now points to it');
    return { latest: newest.runId, movedTo: newest.runId };
  }
  return { latest: pointed, movedTo: null };
}
