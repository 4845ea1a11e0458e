import { spawnSync } from 'node:child_process';
import { readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LockHeldError } from '../../src/errors.js';
import { createLogger } from '../../src/log.js';
import { withDecisionLock } from '../../src/review/decision-lock.js';
import { takeFileLock, UNREADABLE_STALE_MS } from '../../src/run/file-lock.js';
import { isProcessAlive } from '../../src/run/process-alive.js';
import { StateLock } from '../../src/run/state-lock.js';
import { tempDir } from '../support/temp-dir.js';

const log = createLogger({ silent: true });
const me = () => ({ pid: process.pid, host: hostname() });
const aged = async (path: string) => {
  const past = new Date(Date.now() - UNREADABLE_STALE_MS - 1_000);
  await utimes(path, past, past);
};

describe('isProcessAlive', () => {
  it('is true for this process and for any holder on another host, false for a process that is gone', () => {
    const gone = spawnSync(process.execPath, ['-e', 'process.exit(0)']).pid!;
    expect(isProcessAlive(hostname(), process.pid)).toBe(true);
    expect(isProcessAlive(hostname(), gone)).toBe(false);
    expect(isProcessAlive(`not-${hostname()}`, gone)).toBe(true);
  });
});

describe('takeFileLock', () => {
  it('an unreadable lock file is being written by its holder while it is young: not taken over', async () => {
    const path = join(await tempDir(), 'x.lock');
    await writeFile(path, ''); // created with O_EXCL, name not written yet
    const attempt = await takeFileLock(path, me(), { waitMs: 100 });
    expect(attempt).toEqual({ taken: false, holder: null });
    expect(await readFile(path, 'utf8')).toBe('');
  });

  it('an unreadable lock file older than the grace period was left by a crash: taken over', async () => {
    const path = join(await tempDir(), 'x.lock');
    await writeFile(path, '{"pid": 12');
    await aged(path);
    const stale: unknown[] = [];
    const attempt = await takeFileLock(path, me(), { waitMs: 0, onStale: (h) => stale.push(h) });
    expect(attempt.taken).toBe(true);
    expect(stale).toEqual([null]);
    expect(JSON.parse(await readFile(path, 'utf8'))).toEqual(me());
    if (attempt.taken) await attempt.release();
  });

  it('a waiting taker gets the lock once the holder that was still writing its name releases it', async () => {
    const path = join(await tempDir(), 'x.lock');
    await writeFile(path, '');
    const waiting = takeFileLock(path, me(), { waitMs: 5_000 });
    await new Promise((r) => setTimeout(r, 100));
    await writeFile(path, JSON.stringify(me())); // the holder finishes writing, works, lets go
    await new Promise((r) => setTimeout(r, 100));
    await rm(path);
    const attempt = await waiting;
    expect(attempt.taken).toBe(true);
    if (attempt.taken) await attempt.release();
  });
});

describe('the unreadable-lock race in both locks', () => {
  it('StateLock refuses a young unreadable nightly.lock (exit 4) instead of removing it, and takes it over once it is old', async () => {
    const state = await tempDir();
    const path = join(state, 'nightly.lock');
    await writeFile(path, '');
    await expect(StateLock.acquire(state, 'r1', log)).rejects.toThrow(LockHeldError);
    await expect(StateLock.acquire(state, 'r1', log)).rejects.toThrow(/is taking the lock on .* right now/);
    expect(await readFile(path, 'utf8')).toBe('');
    await aged(path);
    const lock = await StateLock.acquire(state, 'r1', log);
    expect(JSON.parse(await readFile(path, 'utf8'))).toMatchObject({ runId: 'r1', pid: process.pid });
    await lock.release();
  });

  it('the decision lock gives up on a young unreadable lock after its timeout, and takes over an old one', async () => {
    const state = await tempDir();
    await withDecisionLock(state, async () => undefined); // makes review/
    const path = join(state, 'review', '.lock');
    await writeFile(path, '');
    await expect(withDecisionLock(state, async () => 'ran', { timeoutMs: 150 })).rejects.toThrow(/locked by a process that has not written its name yet/);
    await aged(path);
    expect(await withDecisionLock(state, async () => 'ran', { timeoutMs: 150 })).toBe('ran');
  });
});
