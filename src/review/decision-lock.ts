import { mkdir } from 'node:fs/promises';
import { hostname } from 'node:os';
import { dirname, join } from 'node:path';
import { asUnwritable, LockHeldError } from '../errors.js';
import { takeFileLock } from '../run/file-lock.js';

interface LockHolder {
  pid: number;
  host: string;
  since: string;
}

export function decisionLockPath(stateDir: string): string {
  return join(stateDir, 'review', '.lock');
}

/**
 * Runs `work` holding `<state>/review/.lock`, a file lock (see takeFileLock for when a lock is
 * stale and taken over). Deciding is a read-check-append: without the lock two reviewers deciding
 * the same account at once could both pass the double-decision check. Holders wait their turn
 * (decisions take milliseconds).
 */
export async function withDecisionLock<T>(stateDir: string, work: () => Promise<T>, options: { timeoutMs?: number } = {}): Promise<T> {
  const path = decisionLockPath(stateDir);
  const me: LockHolder = { pid: process.pid, host: hostname(), since: new Date().toISOString() };
  const attempt = await (async () => {
    await mkdir(dirname(path), { recursive: true });
    return takeFileLock(path, me, { waitMs: options.timeoutMs ?? 15_000 });
  })().catch((err: unknown) => {
    throw asUnwritable(err, `review decisions in ${stateDir} cannot be locked`) ?? err;
  });
  if (!attempt.taken) {
    const who = attempt.holder ? `pid ${attempt.holder.pid} on ${attempt.holder.host} since ${attempt.holder.since}` : 'a process that has not written its name yet';
    throw new LockHeldError(`review decisions in ${stateDir} are locked by ${who}; try again, or remove ${path} if that process is gone`);
  }
  try {
    return await work();
  } finally {
    // a lock that cannot be removed (the folder turned read-only) must not hide how the work
    // ended: its holder is gone once this process exits, and the next taker takes it over
    await attempt.release().catch(() => undefined);
  }
}
