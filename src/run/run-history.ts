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
  for (const name of names) {
    const manifest = await readManifest(join(stateDir, 'runs', name)).catch(() => null);
    if (manifest) runs.push(manifest);
  }
  runs.sort((x, y) => compareCodeUnits(y.startedAt, x.startedAt));
  const latest = await latestRunPath(stateDir);
  return { runs, latestRunId: latest ? basename(latest) : null };
}
