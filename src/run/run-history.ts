import { readdir } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { UserError } from '../errors.js';
import { compareCodeUnits } from '../order.js';
import type { RunManifest } from './manifest.js';
import { readManifest } from './run-files.js';
import { latestRunPath } from './run-folder.js';

export interface RunHistory {
  runs: RunManifest[];
  latestRunId: string | null;
  /** run folders whose manifest cannot be read, with why: reported, never silently left out */
  unreadable: Array<{ folder: string; reason: string }>;
}

/** Every sealed run of a state folder, newest first, read from the manifests. */
export async function readRunHistory(stateDir: string): Promise<RunHistory> {
  let names: string[];
  try {
    names = (await readdir(join(stateDir, 'runs'), { withFileTypes: true })).filter((e) => e.isDirectory() && !e.name.startsWith('.')).map((e) => e.name);
  } catch {
    throw new UserError(`no runs in ${stateDir}: is it the state folder given to nightly --out?`);
  }
  const runs: RunManifest[] = [];
  const unreadable: RunHistory['unreadable'] = [];
  for (const name of names) {
    const manifest = await readManifest(join(stateDir, 'runs', name)).catch((err: unknown) => {
      unreadable.push({ folder: name, reason: (err as Error).message });
      return null;
    });
    if (manifest) runs.push(manifest);
  }
  unreadable.sort((x, y) => compareCodeUnits(x.folder, y.folder));
  runs.sort((x, y) => compareCodeUnits(y.startedAt, x.startedAt));
  const latest = await latestRunPath(stateDir);
  return { runs, latestRunId: latest ? basename(latest) : null, unreadable };
}
