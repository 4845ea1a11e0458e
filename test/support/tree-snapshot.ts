import { lstat, readdir, readFile, readlink } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Every entry under a folder with its kind and content (files), target (links) or nothing
 * (folders): two equal trees mean nothing in there was created, changed or removed.
 */
export async function treeOf(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  const walk = async (at: string, rel: string): Promise<void> => {
    for (const entry of (await readdir(at, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const path = join(at, entry.name);
      const key = rel ? `${rel}/${entry.name}` : entry.name;
      const info = await lstat(path);
      if (info.isSymbolicLink()) out[key] = `link ${await readlink(path)}`;
      else if (info.isDirectory()) {
        out[key] = 'dir';
        await walk(path, key);
      } else out[key] = `file ${await readFile(path, 'utf8')}`;
    }
  };
  await walk(dir, '');
  return out;
}
