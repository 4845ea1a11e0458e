import { spawn } from 'node:child_process';
import { readFile, stat, writeFile, mkdir } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DamagedStateError, LockHeldError } from '../../src/errors.js';
import type { Decision } from '../../src/review/decision.js';
import { appendDecisions, DecisionLog, decisionLogPath } from '../../src/review/decision-log.js';
import { decisionLockPath, withDecisionLock } from '../../src/review/decision-lock.js';
import { tempDir } from '../support/temp-dir.js';

function decision(accountId: string, kind: Decision['decision'], by: string, at: string): Decision {
  return {
    accountId,
    decision: kind,
    by,
    at,
    note: '',
    clusterId: 'C1',
    runId: 'r1',
    evidenceVersion: 'v1',
    material: { sharedIdentifiers: ['device:d1'], blacklistedLinks: [] },
    reasons: [],
    source: 'cli',
  };
}

describe('decision log', () => {
  it('is empty before the first decision', async () => {
    const log = await DecisionLog.read(await tempDir());
    expect(log.entries).toEqual([]);
    expect(log.current.size).toBe(0);
  });

  it('appends whole lines; the current decision is the last line, the history keeps every line', async () => {
    const state = await tempDir();
    await appendDecisions(state, [decision('A1', 'approve', 'alice', '2026-11-25T09:00:00.000Z'), decision('A2', 'reject', 'alice', '2026-11-25T09:01:00.000Z')]);
    await appendDecisions(state, [decision('A1', 'reject', 'bob', '2026-11-25T10:00:00.000Z')]);
    const text = await readFile(decisionLogPath(state), 'utf8');
    expect(text.split('\n')).toHaveLength(4); // three lines and the final newline
    const log = await DecisionLog.read(state);
    expect(log.current.get('A1')).toMatchObject({ decision: 'reject', by: 'bob' });
    expect(log.current.get('A2')).toMatchObject({ decision: 'reject', by: 'alice' });
    expect(log.historyOf('A1').map((d) => `${d.decision} ${d.by}`)).toEqual(['approve alice', 'reject bob']);
  });

  it('a corrupt whole line is a DamagedStateError (exit 7) naming the line', async () => {
    const state = await tempDir();
    await appendDecisions(state, [decision('A1', 'approve', 'alice', '2026-11-25T09:00:00.000Z')]);
    const path = decisionLogPath(state);
    await writeFile(path, `${await readFile(path, 'utf8')}{"accountId":"A2","decision":"maybe"}\n`);
    await expect(DecisionLog.read(state)).rejects.toThrow(DamagedStateError);
    await expect(DecisionLog.read(state)).rejects.toThrow(/decisions\.ndjson line 2 is not a valid decision: decision/);
    await writeFile(path, 'not json\n');
    await expect(DecisionLog.read(state)).rejects.toThrow(/line 1 is not JSON/);
  });

  it('refuses to append an invalid decision (a bug, not user input)', async () => {
    const state = await tempDir();
    await expect(appendDecisions(state, [{ ...decision('A1', 'approve', 'alice', 'yesterday') }])).rejects.toThrow();
  });

  it('says which accounts stood approved when a decision was recorded', async () => {
    const state = await tempDir();
    await appendDecisions(state, [
      decision('X1', 'approve', 'alice', '2026-11-25T09:00:00.000Z'),
      decision('X2', 'approve', 'alice', '2026-11-25T09:01:00.000Z'),
      decision('X2', 'reject', 'alice', '2026-11-25T09:02:00.000Z'),
      decision('Y1', 'reject', 'bob', '2026-11-25T09:03:00.000Z'),
      decision('X3', 'approve', 'alice', '2026-11-25T09:04:00.000Z'),
    ]);
    const log = await DecisionLog.read(state);
    const rejection = log.current.get('Y1')!;
    expect(log.approvedWhen(rejection, 'X1')).toBe(true);
    expect(log.approvedWhen(rejection, 'X2')).toBe(false); // approved, then un-approved before Y1
    expect(log.approvedWhen(rejection, 'X3')).toBe(false); // approved after Y1
    expect(log.approvedWhen(rejection, 'Z9')).toBe(false);
    expect(log.approvedWhen(log.current.get('X1')!, 'X1')).toBe(false);
  });
});

describe('decision lock', () => {
  it('serialises work: the second holder waits for the first', async () => {
    const state = await tempDir();
    const order: string[] = [];
    const slow = withDecisionLock(state, async () => {
      order.push('first in');
      await new Promise((r) => setTimeout(r, 150));
      order.push('first out');
    });
    await new Promise((r) => setTimeout(r, 20));
    await withDecisionLock(state, async () => {
      order.push('second');
    });
    await slow;
    expect(order).toEqual(['first in', 'first out', 'second']);
    await expect(stat(decisionLockPath(state))).rejects.toThrow(/ENOENT/);
  });

  it('releases the lock when the work fails', async () => {
    const state = await tempDir();
    await expect(withDecisionLock(state, async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(stat(decisionLockPath(state))).rejects.toThrow(/ENOENT/);
  });

  it('takes over a lock left by a process that is gone', async () => {
    const state = await tempDir();
    const dead = await deadPid();
    await mkdir(join(state, 'review'), { recursive: true });
    await writeFile(decisionLockPath(state), JSON.stringify({ pid: dead, host: hostname(), since: '2026-11-25T09:00:00.000Z' }));
    expect(await withDecisionLock(state, async () => 'ran', { timeoutMs: 1000 })).toBe('ran');
  });

  it('gives up on a live holder after the timeout, naming it', async () => {
    const state = await tempDir();
    await mkdir(join(state, 'review'), { recursive: true });
    await writeFile(decisionLockPath(state), JSON.stringify({ pid: process.pid, host: hostname(), since: '2026-11-25T09:00:00.000Z' }));
    const attempt = withDecisionLock(state, async () => 'ran', { timeoutMs: 200 });
    await expect(attempt).rejects.toThrow(LockHeldError);
    await expect(withDecisionLock(state, async () => 'ran', { timeoutMs: 200 })).rejects.toThrow(new RegExp(`locked by pid ${process.pid} on`));
  });
});

/** The pid of a process that has exited. */
function deadPid(): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', '0'], { stdio: 'ignore' });
    child.on('error', reject);
    child.on('close', () => resolve(child.pid!));
  });
}
