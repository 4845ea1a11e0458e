import { mkdir, readlink, rename, rm, symlink } from 'node:fs/promises';
import { join } from 'node:path';
import { UserError } from '../errors.js';
import { exists } from '../io/optional-file.js';
import type { RunManifest } from './manifest.js';
import { readManifest, writeManifest } from './run-files.js';

/**
 * A run is built in `runs/.<id>.partial/` and renamed to `runs/<id>/` only with its manifest in
 * place, so a killed run never leaves a folder that looks complete. `latest` is a symlink that
 * moves (atomically) only to succeeded runs.
 */
export class RunFolder {
  private constructor(
    readonly stateDir: string,
    readonly runId: string,
    /** where the run writes while it is in progress */
    readonly path: string,
  ) {}

  static async create(stateDir: string, runId: string): Promise<RunFolder> {
    const runs = join(stateDir, 'runs');
    await mkdir(runs, { recursive: true });
    const sealed = join(runs, runId);
    if (await exists(sealed)) {
      // a failed run may be run again under its id; a succeeded one is history
      if ((await readStatus(sealed)) === 'succeeded') throw new UserError(`run ${runId} already succeeded in ${runs}; choose another --run-id`);
      await rm(sealed, { recursive: true, force: true });
    }
    const path = join(runs, `.${runId}.partial`);
    await rm(path, { recursive: true, force: true });
    await mkdir(path);
    return new RunFolder(stateDir, runId, path);
  }

  get finalPath(): string {
    return join(this.stateDir, 'runs', this.runId);
  }

  /** Seals the folder with its manifest; a succeeded run also becomes `latest`. */
  async seal(manifest: RunManifest): Promise<void> {
    await writeManifest(this.path, manifest);
    await rename(this.path, this.finalPath);
    if (manifest.status === 'succeeded') await pointLatest(this.stateDir, this.runId);
  }
}

async function pointLatest(stateDir: string, runId: string): Promise<void> {
  const link = join(stateDir, 'latest');
  const temp = join(stateDir, `.latest.${process.pid}`);
  await rm(temp, { force: true });
  await symlink(join('runs', runId), temp);
  await rename(temp, link);
}

/** The run folder `latest` points at, or null before the first succeeded run. */
export async function latestRunPath(stateDir: string): Promise<string | null> {
  try {
    return join(stateDir, await readlink(join(stateDir, 'latest')));
  } catch {
    return null;
  }
}

/** null when the folder holds no readable manifest: a run killed while sealing. */
async function readStatus(runDir: string): Promise<RunManifest['status'] | null> {
  return readManifest(runDir).then(
    (m) => m.status,
    () => null,
  );
}

/** Run ids sort by time: 20261125T013000Z. */
export function defaultRunId(now = new Date()): string {
  return now.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
}
