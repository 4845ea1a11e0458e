import { rename, rm, writeFile } from 'node:fs/promises';

/**
 * Writes to a temp file beside `path`, then renames it: readers never see half a file. A failed
 * write removes its temp file.
 */
export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  const temp = `${path}.${process.pid}.tmp`;
  try {
    await writeFile(temp, data);
    await rename(temp, path);
  } catch (err) {
    await rm(temp, { force: true });
    throw err;
  }
}
