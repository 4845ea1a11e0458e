import { mkdir, open, readFile, rm, stat } from 'node:fs/promises';
import { hostname } from 'node:os';
import { dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { LockHeldError } from '../errors.js';

interface LockHolder {
  pid: number;
  host: string;
  since: string;
}

/** A lock file without a readable holder this old was left by a crash between create and write. */
const UNREADABLE_STALE_MS = 5_000;

export function decisionLockPath(stateDir: string): string {
  return join(stateDir, 'review', '.lock');
}

/**
 * Runs `work` holding `<state>/review/.lock`, a file created exclusively (O_EXCL). Deciding is a
 * read-check-append: without the lock two reviewers deciding the same account at once could both
 * pass the double-decision check. Holders wait their turn (decisions take milliseconds); a lock
 * left by a process that no longer exists on this host is taken over.
 */
export async function withDecisionLock<T>(stateDir: string, work: () => Promise<T>, options: { timeoutMs?: number } = {}): Promise<T> {
  const path = decisionLockPath(stateDir);
  await mkdir(dirname(path), { recursive: true });
  const deadline = Date.now() + (options.timeoutMs ?? 15_000);
  const me: LockHolder = { pid: process.pid, host: hostname(), since: new Date().toISOString() };
  for (;;) {
    if (await tryCreate(path, me)) break;
    const holder = await readHolder(path);
    if (holder === 'gone') continue;
    if (await isStale(path, holder)) {
      await rm(path, { force: true });
      continue;
    }
    if (Date.now() > deadline) {
      const who = holder ? `pid ${holder.pid} on ${holder.host} since ${holder.since}` : 'a process that has not written its name yet';
      throw new LockHeldError(`review decisions in ${stateDir} are locked by ${who}; try again, or remove ${path} if that process is gone`);
    }
    await sleep(10 + Math.floor(Math.random() * 40));
  }
  try {
    return await work();
  } finally {
    await rm(path, { force: true });
  }
}

async function tryCreate(path: string, me: LockHolder): Promise<boolean> {
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

async function readHolder(path: string): Promise<LockHolder | null | 'gone'> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return 'gone';
    throw err;
  }
  try {
    return JSON.parse(text) as LockHolder;
  } catch {
    return null; // being written right now, or a crash mid-write
  }
}

async function isStale(path: string, holder: LockHolder | null): Promise<boolean> {
  if (holder === null) {
    try {
      return Date.now() - (await stat(path)).mtimeMs > UNREADABLE_STALE_MS;
    } catch {
      return false;
    }
  }
  // a holder on another host cannot be checked from here, so it is assumed alive
  if (holder.host !== hostname()) return false;
  try {
    process.kill(holder.pid, 0);
    return false;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code !== 'EPERM';
  }
}
