import { access, readFile } from 'node:fs/promises';
import { InputError } from '../errors.js';

/**
 * A file that may be absent: its text, or null when it does not exist. Any other failure (a
 * permission, a folder in its place) is an InputError, never taken for "absent".
 */
export async function readOptionalText(path: string): Promise<string | null> {
  try {
    return await readFile(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return null;
    throw new InputError(`cannot read ${path}: ${code ?? (err as Error).message}`, { cause: err });
  }
}

/** Whether anything is at `path`. */
export async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}
