import { chmod, mkdir, readdir, readlink, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { UserError } from '../errors.js';
import { exists } from '../io/optional-file.js';
import { crashPoint } from './crash-point.js';
import { prepareLatest } from './latest-link.js';
import type { RunManifest } from './manifest.js';
import { readManifest, RunFile, writeManifest } from './run-files.js';
import { checkRunId } from './run-id.js';

/** Permissions of a run folder and its files (they hold personal data): see `output` in the config. */
export interface RunFolderModes {
  fileMode: number;
  folderMode: number;
}

export const defaultRunFolderModes: RunFolderModes = { fileMode: 0o640, folderMode: 0o750 };

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
    private readonly modes: RunFolderModes,
  ) {}

  static async create(stateDir: string, runId: string, modes: RunFolderModes = defaultRunFolderModes): Promise<RunFolder> {
    checkRunId(runId);
    const runs = join(stateDir, 'runs');
    // not recursive: the state folder exists (the lock is in it), and a recursive mkdir reports a
    // full inode table as ENOENT, which would hide a full disk
    await mkdir(runs).catch((err: NodeJS.ErrnoException) => {
      if (err.code !== 'EEXIST') throw err;
    });
    const sealed = join(runs, runId);
    if (await exists(sealed)) {
      // a failed run may be run again under its id; a succeeded one is history
      if ((await readStatus(sealed)) === 'succeeded') throw new UserError(`run ${runId} already succeeded in ${runs}; choose another --run-id`);
      await rm(sealed, { recursive: true, force: true });
    }
    const path = join(runs, `.${runId}.partial`);
    await rm(path, { recursive: true, force: true });
    await mkdir(path, { mode: modes.folderMode });
    await chmod(path, modes.folderMode); // the umask may have taken bits away
    return new RunFolder(stateDir, runId, path, modes);
  }

  get finalPath(): string {
    return join(this.stateDir, 'runs', this.runId);
  }

  /**
   * Seals the folder with its manifest; a succeeded run also becomes `latest` (steps 2–4 of
   * docs/commit-protocol.md). The new link is made before the manifest (so a full disk or a lack
   * of inodes fails the run before it claims success), and should the final rename still fail,
   * the manifest is rewritten in place as failed. A kill between the two renames leaves a sealed
   * run that is not `latest`: the next night, or a rerun of the id, moves `latest` to it.
   */
  async seal(manifest: RunManifest): Promise<void> {
    const succeeded = manifest.status === 'succeeded';
    const newLink = succeeded ? await prepareLatest(this.stateDir, this.runId) : null;
    try {
      await writeManifest(this.path, manifest);
      await this.applyModes();
      if (succeeded) crashPoint('after-manifest');
      await rename(this.path, this.finalPath);
      if (succeeded) crashPoint('after-seal');
    } catch (err) {
      if (newLink) await rm(newLink, { force: true }).catch(() => undefined);
      throw err;
    }
    if (!newLink) return;
    try {
      await rename(newLink, join(this.stateDir, 'latest'));
    } catch (err) {
      await rm(newLink, { force: true }).catch(() => undefined);
      const failed: RunManifest = { ...manifest, status: 'failed', error: { message: `latest could not be moved: ${(err as NodeJS.ErrnoException).code ?? 'error'}`, exitCode: 1 } };
      // in place, not through a temp file: there may be no inode left for one
      await writeFile(join(this.finalPath, RunFile.manifest), `${JSON.stringify(failed, null, 2)}\n`).catch(() => undefined);
      throw err;
    }
  }

  private async applyModes(): Promise<void> {
    for (const entry of await readdir(this.path, { withFileTypes: true })) {
      if (entry.isFile()) await chmod(join(this.path, entry.name), this.modes.fileMode);
    }
  }
}

/** The run folder `latest` points at, or null before the first succeeded run. */
export async function latestRunPath(stateDir: string): Promise<string | null> {
  try {
    return join(stateDir, await readlink(join(stateDir, 'latest')));
  } catch {
    return null;
  }
}

/** The status a run id was sealed with; null when it was not (never run, or killed before sealing). */
export async function sealedStatus(stateDir: string, runId: string): Promise<RunManifest['status'] | null> {
  return readStatus(join(stateDir, 'runs', runId));
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
