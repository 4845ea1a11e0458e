import { open, readFile, rm, stat } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { isProcessAlive } from './process-alive.js';

/** What every lock file names: the process that holds it. Each lock adds its own fields. */
export interface LockOwner {
  pid: number;
  host: string;
}

/**
 * A lock file that exists but has no readable holder is, while younger than this, being written
 * by a process that has just created it; older, it was left by a crash between create and write.
 */
export const UNREADABLE_STALE_MS = 5_000;

export interface FileLockOptions<H> {
  /** how long to wait for a live holder to let go; 0 refuses at once */
  waitMs: number;
  /** called before a stale lock is removed (holder null: the file was unreadable) */
  onStale?: (holder: H | null) => void;
}

/** Taken: release it when done. Refused: who holds it (null: it has not written its name yet). */
export type FileLockAttempt<H> = { taken: true; release: () => Promise<void> } | { taken: false; holder: H | null };

/**
 * An exclusive-create (O_EXCL) lock file holding JSON that names its holder. One staleness
 * policy for every lock: a holder that is readable is stale when it was a process on this host
 * that no longer exists; an unreadable one is stale only once it is older than
 * UNREADABLE_STALE_MS, because its holder may still be writing it.
 */
export async function takeFileLock<H extends LockOwner>(path: string, me: H, options: FileLockOptions<H>): Promise<FileLockAttempt<H>> {
  const deadline = Date.now() + options.waitMs;
  for (;;) {
    if (await tryCreate(path, me)) return { taken: true, release: () => rm(path, { force: true }) };
    const holder = await readHolder<H>(path);
    if (holder === 'gone') continue;
    if (await isStale(path, holder)) {
      options.onStale?.(holder);
      await rm(path, { force: true });
      continue;
    }
    if (Date.now() >= deadline) return { taken: false, holder };
    await sleep(10 + Math.floor(Math.random() * 40));
  }
}

async function tryCreate(path: string, me: LockOwner): Promise<boolean> {
  try {
    const handle = await open(path, 'wx');
    try {
      await handle.writeFile(`${JSON.stringify(me)}\n`);
    } finally {
      await handle.close();
    }
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw err;
  }
}

async function readHolder<H>(path: string): Promise<H | null | 'gone'> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return 'gone';
    throw err;
  }
  try {
    const holder = JSON.parse(text) as Partial<LockOwner> | null;
    if (typeof holder?.pid === 'number' && typeof holder.host === 'string') return holder as H;
  } catch {
    // being written right now, or a crash mid-write
  }
  return null;
}

async function isStale(path: string, holder: LockOwner | null): Promise<boolean> {
  if (holder !== null) return !isProcessAlive(holder.host, holder.pid);
  try {
    return Date.now() - (await stat(path)).mtimeMs > UNREADABLE_STALE_MS;
  } catch {
    return false; // removed meanwhile: the next attempt sees that
  }
}
