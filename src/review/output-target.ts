import { lstat, realpath, stat } from 'node:fs/promises';
import { UserError } from '../errors.js';

/**
 * Where `--output` really writes. A new path or a regular file is written (atomically) as it
 * is; a symlink to a regular file is written through, so the link stays a link; anything else
 * (a device such as /dev/null, a FIFO, a socket, a folder, a dangling link) is refused with a
 * usage error instead of being replaced by a regular file. Returns the path to write and the
 * mode of the file it replaces, if any.
 */
export async function outputTarget(path: string): Promise<{ path: string; mode: number | null }> {
  let link;
  try {
    link = await lstat(path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { path, mode: null };
    throw new UserError(`--output ${path} cannot be used: ${(err as NodeJS.ErrnoException).code ?? 'error'}`, undefined, { cause: err });
  }
  let target = path;
  let info = link;
  if (link.isSymbolicLink()) {
    try {
      target = await realpath(path);
      info = await stat(target);
    } catch (err) {
      throw new UserError(`--output ${path} is a symlink to nothing (${(err as NodeJS.ErrnoException).code ?? 'error'}): point it at a file or remove it`, undefined, { cause: err });
    }
  }
  if (!info.isFile()) throw new UserError(`--output ${path} is ${kindOf(info)}, not a regular file: refusing to replace it`);
  return { path: target, mode: info.mode & 0o7777 };
}

function kindOf(info: import('node:fs').Stats): string {
  if (info.isDirectory()) return 'a folder';
  if (info.isCharacterDevice() || info.isBlockDevice()) return 'a device';
  if (info.isFIFO()) return 'a FIFO';
  if (info.isSocket()) return 'a socket';
  return 'a special file';
}
