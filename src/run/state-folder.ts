import { constants } from 'node:fs';
import { access, mkdir, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { asDiskFull, UserError } from '../errors.js';

/**
 * Checks `--out` before a run touches anything: it must be a folder this process can write (made
 * when missing). A file, or a folder that cannot be written (permissions, a read-only file
 * system, a virtual one like /proc), is a usage error (exit 2). A symlink to a folder is followed.
 * Writing is proven by creating and removing a probe file, which also holds for root.
 */
export async function checkStateFolder(dir: string): Promise<void> {
  let info: Awaited<ReturnType<typeof stat>> | null = null;
  try {
    info = await stat(dir);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT') throw new UserError(`--out ${dir} cannot be used: ${code ?? 'error'}`, undefined, { cause: err });
    try {
      await makeFolders(resolve(dir));
    } catch (made) {
      if (made instanceof UserError) throw made;
      throw asDiskFull(made) ?? new UserError(`--out ${dir} cannot be created: ${(made as NodeJS.ErrnoException).code ?? 'error'}`, undefined, { cause: made });
    }
  }
  if (info && !info.isDirectory()) throw new UserError(`--out ${dir} is not a folder`);
  const probe = join(dir, `.write-probe.${process.pid}`);
  try {
    await access(dir, constants.W_OK | constants.X_OK);
    await writeFile(probe, '', { flag: 'wx' });
    await rm(probe, { force: true });
  } catch (err) {
    throw asDiskFull(err) ?? new UserError(`--out ${dir} is not writable: ${(err as NodeJS.ErrnoException).code ?? 'error'}`, undefined, { cause: err });
  }
}

/**
 * `mkdir -p`, one level at a time from the nearest existing folder: Node's recursive mkdir spins
 * forever on virtual file systems such as /proc, where mkdir fails with ENOENT under a folder that exists.
 */
async function makeFolders(dir: string): Promise<void> {
  const missing: string[] = [];
  for (let at = dir; ; at = dirname(at)) {
    try {
      if (!(await stat(at)).isDirectory()) throw new UserError(`--out ${dir} cannot be created: ${at} is not a folder`);
      break;
    } catch (err) {
      if (err instanceof UserError || (err as NodeJS.ErrnoException).code !== 'ENOENT' || dirname(at) === at) throw err;
      missing.unshift(at);
    }
  }
  for (const folder of missing) {
    try {
      await mkdir(folder);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
  }
}
