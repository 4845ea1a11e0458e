import { rename, writeFile } from 'node:fs/promises';

/** Write to a temp file beside the target, then rename: readers never see half a file. */
export async function writeFileAtomic(path: string, data: string): Promise<void> {
  const temp = `${path}.${process.pid}.tmp`;
  await writeFile(temp, data, 'utf8');
  await rename(temp, path);
}
