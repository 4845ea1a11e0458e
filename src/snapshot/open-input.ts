import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { InputError } from '../errors.js';

export interface InputStream {
  /** the file's content as text, decompressed when it is gzip */
  text: Readable;
  /** bytes of the file itself read so far (compressed bytes for gzip), for progress */
  bytesRead: () => number;
}

const GZIP_MAGIC = [0x1f, 0x8b];

/**
 * Opens a table file as a text stream. `.gz` files are decompressed on the fly (warehouse exports
 * usually are); a gzip file under a plain name is refused with a hint instead of being parsed as
 * binary garbage, and a `.gz` name on a file that is not gzip is refused too.
 */
export async function openInput(path: string, gzip: boolean): Promise<InputStream> {
  const compressed = await startsWithGzipMagic(path);
  if (compressed && !gzip) throw new InputError(`${path} is gzip-compressed: name it ${path}.gz to have it read as such`);
  if (!compressed && gzip) throw new InputError(`${path} is named .gz but is not gzip-compressed`);
  const raw = createReadStream(path, { highWaterMark: 1 << 20 });
  let bytes = 0;
  raw.on('data', (chunk) => (bytes += chunk.length));
  if (!gzip) {
    raw.setEncoding('utf8');
    return { text: raw, bytesRead: () => bytes };
  }
  const gunzip = createGunzip({ chunkSize: 1 << 20 });
  raw.on('error', (err) => gunzip.destroy(err));
  gunzip.on('error', () => raw.destroy());
  raw.pipe(gunzip);
  gunzip.setEncoding('utf8');
  return { text: gunzip, bytesRead: () => bytes };
}

/** Whether the file starts with the gzip magic bytes; false for a short or unreadable file (the reader reports that). */
export async function startsWithGzipMagic(path: string): Promise<boolean> {
  let handle;
  try {
    handle = await open(path, 'r');
    const head = Buffer.alloc(2);
    const { bytesRead } = await handle.read(head, 0, 2, 0);
    return bytesRead === 2 && head[0] === GZIP_MAGIC[0] && head[1] === GZIP_MAGIC[1];
  } catch {
    return false;
  } finally {
    await handle?.close();
  }
}

/** A gzip error as a reason a person can act on. */
export function inputErrorReason(err: unknown): string {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'Z_DATA_ERROR' || code === 'Z_BUF_ERROR') return 'the gzip data is corrupt or truncated';
  return code ?? (err as Error).message.split('\n')[0]!;
}
