import { rename, rm, writeFile } from 'node:fs/promises';

/** Text or bytes to a temp file beside `path`, then renamed: readers never see half an export. */
export async function writeOutputAtomic(path: string, data: string | Uint8Array): Promise<void> {
  const temp = `${path}.${process.pid}.tmp`;
  try {
    await writeFile(temp, data);
    await rename(temp, path);
  } catch (err) {
    await rm(temp, { force: true });
    throw err;
  }
}
