import { spawnSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LockHeldError } from '../../src/errors.js';
import { createLogger } from '../../src/log.js';
import { StateLock } from '../../src/run/state-lock.js';
import { messages, runCli } from '../support/run-cli.js';
import { tempDir } from '../support/temp-dir.js';

const log = createLogger({ silent: true });

describe('StateLock', () => {
  it('refuses a second holder while the first is alive, and frees the lock on release', async () => {
    const state = await tempDir();
    const first = await StateLock.acquire(state, 'r1', log);
    const second = StateLock.acquire(state, 'r2', log);
    await expect(second).rejects.toBeInstanceOf(LockHeldError);
    await expect(StateLock.acquire(state, 'r2', log)).rejects.toThrow(/holds the lock on .*: run r1, pid \d+ on/);
    await first.release();
    const third = await StateLock.acquire(state, 'r3', log);
    expect(JSON.parse(await readFile(join(state, 'nightly.lock'), 'utf8'))).toMatchObject({ runId: 'r3', pid: process.pid });
    await third.release();
  });

  it('takes over a stale lock left by a process that is gone', async () => {
    const state = await tempDir();
    const gone = spawnSync(process.execPath, ['-e', 'process.exit(0)']).pid!;
    await writeFile(join(state, 'nightly.lock'), JSON.stringify({ runId: 'killed', pid: gone, host: hostname(), startedAt: '2026-01-01T00:00:00Z' }));
    const lock = await StateLock.acquire(state, 'next', log);
    expect(JSON.parse(await readFile(join(state, 'nightly.lock'), 'utf8')).runId).toBe('next');
    await lock.release();
  });

  it('makes a second nightly on the same state folder exit 4 at once, naming the holder', async () => {
    const state = await tempDir();
    await writeFile(join(state, 'nightly.lock'), JSON.stringify({ runId: 'busy', pid: process.pid, host: hostname(), startedAt: '2026-01-01T00:00:00Z' }));
    const result = await runCli(['nightly', '--input', '/nonexistent', '--out', state]);
    expect(result.code).toBe(4);
    expect(messages(result.stderr)).toEqual([expect.stringMatching(/another nightly run holds the lock on .*: run busy, pid/)]);
  });
});
