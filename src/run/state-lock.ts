import { mkdir, open, readFile, rm } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { LockHeldError } from '../errors.js';
import type { Logger } from '../log.js';

export interface LockHolder {
  runId: string;
  pid: number;
  host: string;
  startedAt: string;
}

/**
 * One nightly run per state folder. The lock is a file created exclusively (O_EXCL) holding who
 * took it. A lock left by a process that no longer exists on this host is stale and taken over.
 */
export class StateLock {
  private constructor(private readonly path: string) {}

  static async acquire(stateDir: string, runId: string, log: Logger): Promise<StateLock> {
    await mkdir(stateDir, { recursive: true });
    const path = join(stateDir, 'nightly.lock');
    const me: LockHolder = { runId, pid: process.pid, host: hostname(), startedAt: new Date().toISOString() };
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        const handle = await open(path, 'wx');
        await handle.writeFile(`${JSON.stringify(me)}\n`);
        await handle.close();
        return new StateLock(path);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      }
      const holder = await readHolder(path);
      if (holder && isAlive(holder)) {
        throw new LockHeldError(`another nightly run holds the lock on ${stateDir}: run ${holder.runId}, pid ${holder.pid} on ${holder.host}, since ${holder.startedAt}`);
      }
      log.warn({ lock: path, holder }, 'taking over a stale lock left by a run that is no longer alive');
      await rm(path, { force: true });
    }
    throw new LockHeldError(`could not take the lock on ${stateDir}: it keeps changing hands`);
  }

  async release(): Promise<void> {
    await rm(this.path, { force: true });
  }
}

async function readHolder(path: string): Promise<LockHolder | null> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as LockHolder;
  } catch {
    return null; // unreadable or half-written: a crash while taking it; treat as stale
  }
}

/** A holder on another host cannot be checked from here, so it is assumed alive. */
function isAlive(holder: LockHolder): boolean {
  if (holder.host !== hostname()) return true;
  try {
    process.kill(holder.pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
