import { open, rename, rm, writeFile } from 'node:fs/promises';

/**
 * Writes to a temp file beside `path`, then renames it: readers never see half a file. A failed
 * write removes its temp file. The temp file is created exclusively, so a link planted under its
 * name is never written through; `mode` sets its permissions (before the umask). `data` may be
 * pieces of text, written as they come: a file larger than the longest string V8 can hold
 * (about 512 MB) never exists in memory as one.
 */
export async function writeFileAtomic(path: string, data: string | Uint8Array | Iterable<string>, mode?: number): Promise<void> {
  const temp = `${path}.${process.pid}.tmp`;
  await rm(temp, { force: true });
  try {
    if (typeof data === 'string' || data instanceof Uint8Array) await writeFile(temp, data, { flag: 'wx', ...(mode === undefined ? {} : { mode }) });
    else await writePieces(temp, data, mode);
    await rename(temp, path);
  } catch (err) {
    await rm(temp, { force: true });
    throw err;
  }
}

/** Pieces of text are gathered into writes of about 4 MB. */
const WRITE_CHARS = 1 << 22;

async function writePieces(path: string, pieces: Iterable<string>, mode?: number): Promise<void> {
  const handle = await open(path, 'wx', mode);
  try {
    let pending: string[] = [];
    let size = 0;
    for (const piece of pieces) {
      pending.push(piece);
      size += piece.length;
      if (size >= WRITE_CHARS) {
        await handle.write(pending.join(''));
        pending = [];
        size = 0;
      }
    }
    if (pending.length > 0) await handle.write(pending.join(''));
  } finally {
    await handle.close();
  }
}
