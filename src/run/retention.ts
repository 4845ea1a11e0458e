import { readdir, readlink, rm } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { readManifest } from './run-files.js';
import { isRunId } from './run-id.js';

/**
 * Keeps the `keep` most recent run folders (by the manifest's start time), and always the run
 * just made and the one `latest` points at. Only folders it can identify as its own are ever
 * removed: a folder whose name is a valid run id and whose manifest is valid and names that same
 * run, or a killed run's `.<run-id>.partial` folder. Anything else in `runs/` (an operator's
 * backup, a stray file, a symlink) is left alone. Returns the run ids removed.
 */
export async function pruneRuns(stateDir: string, keep: number, currentRunId: string | null): Promise<string[]> {
  const runsDir = join(stateDir, 'runs');
  const entries = await readdir(runsDir, { withFileTypes: true });
  const protectedIds = new Set([currentRunId, await latestTarget(stateDir)].filter((id): id is string => id !== null));
  const partial = entries.filter((e) => e.isDirectory() && isPartialName(e.name) && !protectedIds.has(e.name.slice(1, -'.partial'.length)));
  await Promise.all(partial.map((e) => rm(join(runsDir, e.name), { recursive: true, force: true })));
  const candidates = await Promise.all(
    entries
      .filter((e) => e.isDirectory() && isRunId(e.name))
      .map(async (e) => ({ id: e.name, startedAt: await ownStartedAt(join(runsDir, e.name), e.name) })),
  );
  const runs = candidates.filter((r): r is { id: string; startedAt: string } => r.startedAt !== null);
  runs.sort((x, y) => (x.startedAt < y.startedAt ? 1 : x.startedAt > y.startedAt ? -1 : x.id < y.id ? 1 : -1));
  const doomed = runs.slice(keep).map((r) => r.id).filter((id) => !protectedIds.has(id));
  await Promise.all(doomed.map((id) => rm(join(runsDir, id), { recursive: true, force: true })));
  return doomed;
}

function isPartialName(name: string): boolean {
  return name.startsWith('.') && name.endsWith('.partial') && isRunId(name.slice(1, -'.partial'.length));
}

/** The start time from the folder's manifest when it is a valid manifest of that very run; null otherwise. */
async function ownStartedAt(runDir: string, id: string): Promise<string | null> {
  return readManifest(runDir).then(
    (m) => (m.runId === id ? m.startedAt : null),
    () => null,
  );
}

async function latestTarget(stateDir: string): Promise<string | null> {
  try {
    return basename(await readlink(join(stateDir, 'latest')));
  } catch {
    return null;
  }
}
