import { stat } from 'node:fs/promises';

/** A file's size in bytes as the denominator of a progress fraction: at least 1, 1 when unknown. */
export async function progressSize(path: string): Promise<number> {
  return Math.max(1, (await stat(path).catch(() => ({ size: 1 }))).size);
}
