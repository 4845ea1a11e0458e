import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { readManifest } from './run-files.js';

/**
 * Keeps the `keep` most recent run folders (by the manifest's start time) and always the one
 * `latest` points at. Folders of killed runs (`.<id>.partial`) are removed too: only the lock
 * holder writes here. Returns the run ids removed.
 */
export async function pruneRuns(stateDir: string, keep: number, latestRunId: string | null): Promise<string[]> {
  const runsDir = join(stateDir, 'runs');
  const entries = await readdir(runsDir, { withFileTypes: true });
  const partial = entries.filter((e) => e.isDirectory() && e.name.startsWith('.') && e.name.endsWith('.partial'));
  await Promise.all(partial.map((e) => rm(join(runsDir, e.name), { recursive: true, force: true })));
  const runs = await Promise.all(
    entries
      .filter((e) => e.isDirectory() && !e.name.startsWith('.'))
      .map(async (e) => ({ id: e.name, startedAt: await startedAt(join(runsDir, e.name)) })),
  );
  runs.sort((x, y) => (x.startedAt < y.startedAt ? 1 : x.startedAt > y.startedAt ? -1 : x.id < y.id ? 1 : -1));
  const doomed = runs.slice(keep).map((r) => r.id).filter((id) => id !== latestRunId);
  await Promise.all(doomed.map((id) => rm(join(runsDir, id), { recursive: true, force: true })));
  return doomed;
}

/** '' for a folder without a readable manifest: it sorts oldest. */
async function startedAt(runDir: string): Promise<string> {
  return readManifest(runDir).then(
    (m) => m.startedAt,
    () => '',
  );
}
