import { execFileSync } from 'node:child_process';
import { chmod, mkdir, readdir, readFile, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { register } from '../../src/cli/review.js';
import { ExitCode } from '../../src/errors.js';
import { DISK_FULL_AFTER_ENV } from '../../src/io/append-whole.js';
import { decisionLogPath } from '../../src/review/decision-log.js';
import { cluster, stateWith } from '../support/review-state.js';
import { messages } from '../support/run-cli.js';
import { runInProcess } from '../support/run-in-process.js';

const RUN = '20261125T013000Z';
const state = () => stateWith([...cluster('C1', 'A', 5), ...cluster('C2', 'B', 3)], RUN);
/** `fraud-rings review …` in this process (the CLI's own register and error handling), with test-only variables set meanwhile. */
async function review(out: string, args: string[], env: Record<string, string> = {}) {
  Object.assign(process.env, env);
  try {
    return await runInProcess((p) => register(p), ['review', ...args, '--out', out]);
  } finally {
    for (const name of Object.keys(env)) delete process.env[name];
  }
}
const decideArgs = (account: string, decision: string, by: string, note = '') => ['decide', '--account', account, '--decision', decision, '--by', by, ...(note ? ['--note', note] : [])];

/** Every line of the log must be a whole decision for every command to go on reading it. */
async function decisionsIn(out: string): Promise<string[]> {
  const text = await readFile(decisionLogPath(out), 'utf8');
  expect(text.endsWith('\n')).toBe(true);
  return text.trimEnd().split('\n').map((line) => {
    const d = JSON.parse(line) as { accountId: string; decision: string; by: string };
    return `${d.accountId} ${d.decision} ${d.by}`;
  });
}

describe('the decision log under faults', () => {
  it('a full disk during a decision: exit 6, the log exactly as before, and the next decision is recorded', async () => {
    const out = await state();
    expect((await review(out, decideArgs('A1', 'approve', 'alice'))).code).toBe(0);
    const before = await readFile(decisionLogPath(out));

    // one free page is less than a line with a 2,000-character note
    const full = await review(out, decideArgs('A2', 'reject', 'bob', 'n'.repeat(2000)), { [DISK_FULL_AFTER_ENV]: '700' });
    expect(full.code).toBe(ExitCode.diskFull);
    expect(messages(full.stderr).join('\n')).toMatch(/no space left on the device/);
    expect(await readFile(decisionLogPath(out))).toEqual(before);

    expect((await review(out, decideArgs('A2', 'reject', 'bob', 'n'.repeat(2000)))).code).toBe(0);
    expect(await decisionsIn(out)).toEqual(['A1 approve alice', 'A2 reject bob']);
  });

  it('a cut last line (left by a crash or a full disk) is moved out with a warning naming where, and every command goes on', async () => {
    const out = await state();
    expect((await review(out, decideArgs('A1', 'approve', 'alice'))).code).toBe(0);
    expect((await review(out, decideArgs('B1', 'reject', 'alice'))).code).toBe(0);
    const path = decisionLogPath(out);
    const whole = await readFile(path, 'utf8');
    const cut = whole.slice(0, whole.length - 40); // the second line loses its last 40 bytes
    await writeFile(path, cut);

    const list = await review(out, ['list', '--format', 'csv']);
    expect(list.code).toBe(0);
    const warning = messages(list.stderr).join('\n');
    expect(warning).toMatch(/warning: the decision log ended in a cut line/);
    const moved = (await readdir(join(out, 'review'))).filter((f) => f.startsWith('decisions.ndjson.damaged-'));
    expect(moved).toHaveLength(1);
    expect(warning).toContain(moved[0]);
    expect(await readFile(join(out, 'review', moved[0]!), 'utf8')).toBe(cut.slice(cut.lastIndexOf('\n') + 1));
    expect(await decisionsIn(out)).toEqual(['A1 approve alice']);

    expect((await review(out, decideArgs('B1', 'reject', 'alice'))).code).toBe(0);
    expect(await decisionsIn(out)).toEqual(['A1 approve alice', 'B1 reject alice']);
  });

  it('a missing final newline: the next decision lands on a line of its own, and nothing is lost', async () => {
    const out = await state();
    expect((await review(out, decideArgs('A1', 'approve', 'alice'))).code).toBe(0);
    const path = decisionLogPath(out);
    await truncate(path, (await readFile(path)).length - 1); // truncate -s -1

    const decided = await review(out, decideArgs('A2', 'reject', 'carol'));
    expect(decided.code).toBe(0);
    expect(decided.stdout).toMatch(/^A2 rejected by carol/);
    expect(messages(decided.stderr).join('\n')).toMatch(/warning: the decision log's last line had lost its newline/);
    expect(await decisionsIn(out)).toEqual(['A1 approve alice', 'A2 reject carol']);
    expect((await review(out, ['list', '--format', 'csv'])).code).toBe(0);
  });

  it('a corrupt line in the middle stops every command with exit 7 (not the snapshot\'s 3), naming the line and the fix', async () => {
    const out = await state();
    for (const a of ['A1', 'A2', 'A3']) expect((await review(out, decideArgs(a, 'approve', 'alice'))).code).toBe(0);
    const path = decisionLogPath(out);
    const lines = (await readFile(path, 'utf8')).split('\n');
    lines[1] = lines[1]!.slice(0, 30);
    await writeFile(path, lines.join('\n'));
    const damaged = await readFile(path);

    for (const args of [['list'], decideArgs('A4', 'approve', 'alice')]) {
      const result = await review(out, args);
      expect(result.code).toBe(ExitCode.damagedState);
      expect(messages(result.stderr)).toEqual([expect.stringMatching(/decisions\.ndjson line 2 is not JSON: .*move that line out of the file .* or restore the file from a backup, then rerun$/)]);
    }
    expect(await readFile(path)).toEqual(damaged); // never rewritten by a guess
  });

  it('a read-only state folder: a clear one-line usage error (exit 2), not an internal error', async () => {
    const out = await state();
    const unmount = await makeReadOnly(join(out, 'review'));
    try {
      const result = await review(out, decideArgs('A1', 'approve', 'alice'));
      expect(result.code).toBe(ExitCode.usage);
      expect(messages(result.stderr)).toEqual([expect.stringMatching(/is not writable \((EACCES|EROFS)\): make it writable, then rerun$/)]);
    } finally {
      await unmount();
    }
  });
});

/**
 * A folder this process cannot write: without write permission, or (as root, whom permissions do
 * not stop) a read-only tmpfs mounted on it.
 */
async function makeReadOnly(dir: string): Promise<() => Promise<void>> {
  await mkdir(dir, { recursive: true });
  if (process.getuid?.() !== 0) {
    await chmod(dir, 0o555);
    return () => chmod(dir, 0o755);
  }
  execFileSync('mount', ['-t', 'tmpfs', '-o', 'ro,size=64k', 'tmpfs', dir]);
  return async () => {
    execFileSync('umount', [dir]);
  };
}
