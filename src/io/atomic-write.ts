import { rename, rm, writeFile } from 'node:fs/promises';

/**
 * Writes to a temp file beside `path`, then renames it: readers never see half a file. A failed
 * write removes its temp file. The temp file is created exclusively, so a link planted under its
 * name is never written through; `mode` sets its permissions (before the umask).
 */
export async function writeFileAtomic(path: string, data: string | Uint8Array, mode?: number): Promise<void> {
  const temp = `${path}.${process.pid}.tmp`;
  await rm(temp, { force: true });
  try {
    await writeFile(temp, data, { flag: 'wx', ...(mode === undefined ? {} : { mode }) });
    await rename(temp, path);
  } catch (err) {
    await rm(temp, { force: true });
    throw err;
  }
}
