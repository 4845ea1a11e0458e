import { mkdir } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { LockHeldError } from '../errors.js';
import type { Logger } from '../log.js';
import { takeFileLock } from './file-lock.js';

export interface LockHolder {
  runId: string;
  pid: number;
  host: string;
  startedAt: string;
}

/**
 * One nightly run per state folder: `<state>/nightly.lock`, a file lock (see takeFileLock for
 * when a lock is stale and taken over). A second run refuses at once rather than queueing.
 */
export class StateLock {
  private constructor(readonly release: () => Promise<void>) {}

  static async acquire(stateDir: string, runId: string, log: Logger): Promise<StateLock> {
    await mkdir(stateDir, { recursive: true });
    const path = join(stateDir, 'nightly.lock');
    const me: LockHolder = { runId, pid: process.pid, host: hostname(), startedAt: new Date().toISOString() };
    const attempt = await takeFileLock(path, me, {
      waitMs: 0,
      onStale: (holder) => log.warn({ lock: path, holder }, 'taking over a stale lock left by a run that is no longer alive'),
    });
    if (attempt.taken) return new StateLock(attempt.release);
    const { holder } = attempt;
    if (holder === null) throw new LockHeldError(`another nightly run is taking the lock on ${stateDir} right now (${path} has no holder yet)`);
    throw new LockHeldError(`another nightly run holds the lock on ${stateDir}: run ${holder.runId}, pid ${holder.pid} on ${holder.host}, since ${holder.startedAt}`);
  }
}
