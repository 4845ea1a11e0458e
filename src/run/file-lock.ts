import { createHash, randomBytes } from 'node:crypto';
import { link, readFile, rm, stat, unlink, writeFile } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { crashPoint } from './crash-point.js';
import { isProcessAlive } from './process-alive.js';

/** What every lock file names: the process that holds it. Each lock adds its own fields. */
export interface LockOwner {
  pid: number;
  host: string;
}

/**
 * A lock file that exists but has no readable holder is, while younger than this, being written
 * by a process that has just created it (a version that created the file before writing it); older,
 * it was left by a crash between create and write. A takeover marker (below) older than this was
 * left by a process that died while taking over.
 */
export const UNREADABLE_STALE_MS = 5_000;

export interface FileLockOptions<H> {
  /** how long to wait for a live holder to let go; 0 refuses at once */
  waitMs: number;
  /** called when this process has won the takeover of a stale lock (holder null: the file was unreadable) */
  onStale?: (holder: H | null) => void;
}

/** Taken: release it when done. Refused: who holds it (null: it has not written its name yet). */
export type FileLockAttempt<H> = { taken: true; release: () => Promise<void> } | { taken: false; holder: H | null };

/**
 * A lock file holding JSON that names its holder. It comes into being whole: the holder is
 * written to a file of its own, which is then hard-linked to the lock's name (link fails when the
 * name exists, like O_EXCL, but nobody ever sees an empty lock).
 *
 * One staleness policy for every lock: a holder that is readable is stale when it was a process
 * on this host that no longer exists; an unreadable one is stale only once it is older than
 * UNREADABLE_STALE_MS. Taking over a stale lock is atomic: processes that find the same stale
 * file race to create a takeover marker named after that very file (its inode, time and text);
 * only the one that creates it may remove the lock, and only after checking that the lock is
 * still that same file. A loser, or a process that judged an older file, never removes a lock
 * someone has just taken.
 */
export async function takeFileLock<H extends LockOwner>(path: string, me: H, options: FileLockOptions<H>): Promise<FileLockAttempt<H>> {
  const deadline = Date.now() + options.waitMs;
  const text = `${JSON.stringify(me)}\n`;
  for (;;) {
    if (await tryCreate(path, text)) return { taken: true, release: () => releaseOwn(path, text) };
    const found = await readLockFile<H>(path);
    if (found === 'gone') continue;
    if (await isStale(found)) {
      if (await takeOver(path, found)) options.onStale?.(found.holder);
      // lost: another process is taking it over right now (or died doing so); its lock shows next
      else await sleep(5 + Math.floor(Math.random() * 20));
      continue;
    }
    if (Date.now() >= deadline) return { taken: false, holder: found.holder };
    await sleep(10 + Math.floor(Math.random() * 40));
  }
}

async function tryCreate(path: string, text: string): Promise<boolean> {
  const own = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.new`;
  await writeFile(own, text, { flag: 'wx' });
  try {
    await link(own, path);
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw err;
  } finally {
    await unlink(own).catch(() => undefined);
  }
}

/** A lock file as one process saw it: who it names, and what identifies that very file. */
interface SeenLock<H> {
  holder: H | null;
  /** inode, modification time and text: a lock made later (even by the same pid) differs */
  identity: string;
  mtimeMs: number;
}

async function readLockFile<H>(path: string): Promise<SeenLock<H> | 'gone'> {
  let text: string;
  let info: Awaited<ReturnType<typeof stat>>;
  try {
    info = await stat(path);
    text = await readFile(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return 'gone';
    throw err;
  }
  const identity = createHash('sha256').update(`${info.ino}\u0000${info.mtimeMs}\u0000${text}`).digest('hex').slice(0, 16);
  return { holder: parseHolder<H>(text), identity, mtimeMs: info.mtimeMs };
}

function parseHolder<H>(text: string): H | null {
  try {
    const holder = JSON.parse(text) as Partial<LockOwner> | null;
    if (typeof holder?.pid === 'number' && typeof holder.host === 'string') return holder as H;
  } catch {
    // being written right now by an older version, or a crash mid-write
  }
  return null;
}

async function isStale(seen: SeenLock<LockOwner>): Promise<boolean> {
  if (seen.holder !== null) return !isProcessAlive(seen.holder.host, seen.holder.pid);
  return Date.now() - seen.mtimeMs > UNREADABLE_STALE_MS;
}

/**
 * Removes the stale lock `seen`, if this process wins the right to: true when it did. A process
 * that read the same stale file late may create the marker again once the winner is done, but
 * then finds the winner's lock, not `seen`, and leaves it alone.
 */
async function takeOver(path: string, seen: SeenLock<LockOwner>): Promise<boolean> {
  const marker = `${path}.takeover-${seen.identity}`;
  try {
    await writeFile(marker, `${process.pid}\n`, { flag: 'wx' });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    await clearAbandonedMarker(marker);
    return false;
  }
  try {
    crashPoint('lock-takeover');
    const now = await readLockFile(path);
    if (now === 'gone' || now.identity !== seen.identity) return false; // someone else's lock now
    await rm(path, { force: true });
    return true;
  } finally {
    await rm(marker, { force: true });
  }
}

/** A marker left by a process that died mid-takeover would block that stale lock for ever. */
async function clearAbandonedMarker(marker: string): Promise<void> {
  try {
    if (Date.now() - (await stat(marker)).mtimeMs > UNREADABLE_STALE_MS) await rm(marker, { force: true });
  } catch {
    // gone meanwhile
  }
}

/** Removes the lock only while it is still this holder's (a lock taken over from us is not ours to remove). */
async function releaseOwn(path: string, text: string): Promise<void> {
  let now: string;
  try {
    now = await readFile(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw err;
  }
  if (now === text) await rm(path, { force: true });
}
