import { execFileSync } from 'node:child_process';
import { lstat, mkdir, readFile, readlink, stat, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cluster, stateWith } from '../support/review-state.js';
import { messages, runCli } from '../support/run-cli.js';
import { folderWith, tempDir } from '../support/temp-dir.js';

/**
 * Issue 12: `blacklist export --output` renamed a temp file over any target (as root,
 * `--output /dev/null` replaced the device with a regular file; a symlink was replaced by a
 * file), `--out` onto a file or an unwritable folder was an "internal error", and run files were
 * readable by everyone.
 */
const RUN = '20261125T013000Z';

async function approvedState(): Promise<string> {
  const state = await stateWith(cluster('C1', 'A', 3), RUN);
  const decided = await runCli(['review', 'decide', '--cluster', 'C1', '--decision', 'approve', '--by', 'alice', '--out', state]);
  expect(decided.code).toBe(0);
  return state;
}

describe('blacklist export --output (issue 12)', () => {
  it('refuses a device and a FIFO with exit 2 and leaves them as they were', async () => {
    const state = await approvedState();
    const fifo = join(await tempDir(), 'pipe');
    execFileSync('mkfifo', [fifo]);
    for (const target of ['/dev/null', fifo]) {
      const before = await lstat(target);
      const result = await runCli(['blacklist', 'export', '--out', state, '--output', target]);
      expect(result.code).toBe(2);
      expect(messages(result.stderr)).toEqual([expect.stringMatching(/^fraud-rings: --output .* is a (device|FIFO), not a regular file: refusing to replace it$/)]);
      const after = await lstat(target);
      expect([after.ino, after.mode, after.rdev]).toEqual([before.ino, before.mode, before.rdev]);
    }
  });

  it('writes through a symlink to a regular file and keeps the link a link; refuses a dangling link and a folder', async () => {
    const state = await approvedState();
    const dir = await tempDir();
    const real = join(dir, 'blacklist.csv');
    await writeFile(real, 'old\n', { mode: 0o600 });
    await symlink(real, join(dir, 'link.csv'));
    const result = await runCli(['blacklist', 'export', '--out', state, '--output', join(dir, 'link.csv')]);
    expect(result.code).toBe(0);
    expect((await lstat(join(dir, 'link.csv'))).isSymbolicLink()).toBe(true);
    expect(await readlink(join(dir, 'link.csv'))).toBe(real);
    expect(await readFile(real, 'utf8')).toMatch(/^account_id,cluster_id,.*\nA1,C1,/);
    expect((await stat(real)).mode & 0o777).toBe(0o600);

    await symlink(join(dir, 'missing.csv'), join(dir, 'dangling.csv'));
    const dangling = await runCli(['blacklist', 'export', '--out', state, '--output', join(dir, 'dangling.csv')]);
    expect(dangling.code).toBe(2);
    const folder = await runCli(['blacklist', 'export', '--out', state, '--output', dir]);
    expect(folder.code).toBe(2);
    expect(messages(folder.stderr)).toEqual([expect.stringMatching(/is a folder, not a regular file/)]);
  });
});

describe('nightly --out (issue 12)', () => {
  const accounts = 'account_id,created_at\nA1,2024-01-01\nA2,2024-01-02\nA3,2024-01-03\n';
  const identifiers = 'account_id,kind,value\nA1,device,d1\nA2,device,d1\nA3,device,d1\n';

  it('is a usage error (exit 2, one line) when it is a file or a folder that cannot be written', async () => {
    const input = await folderWith({ 'accounts.csv': accounts, 'identifiers.csv': identifiers });
    const file = join(await tempDir(), 'state');
    await writeFile(file, 'not a folder');
    const onFile = await runCli(['nightly', '--input', input, '--out', file, '--run-id', 'r1']);
    expect(onFile.code).toBe(2);
    expect(messages(onFile.stderr)).toEqual([`fraud-rings: --out ${file} is not a folder`]);
    // /proc/self is a folder nobody can create files in, root included
    const readOnly = await runCli(['nightly', '--input', input, '--out', '/proc/self', '--run-id', 'r1']);
    expect(readOnly.code).toBe(2);
    expect(messages(readOnly.stderr)).toEqual([expect.stringMatching(/^fraud-rings: --out \/proc\/self is not writable: E[A-Z]+$/)]);
    const under = await runCli(['nightly', '--input', input, '--out', '/proc/self/state', '--run-id', 'r1']);
    expect(under.code).toBe(2);
  });

  it('keeps working through a symlinked state folder, and writes run files 0640 in folders 0750 by default, or as configured', async () => {
    const input = await folderWith({ 'accounts.csv': accounts, 'identifiers.csv': identifiers, 'config.json': JSON.stringify({ output: { fileMode: '0600', folderMode: '0700' } }) });
    const root = await tempDir();
    await mkdir(join(root, 'real-state'));
    await symlink(join(root, 'real-state'), join(root, 'state'));
    const first = await runCli(['nightly', '--input', input, '--out', join(root, 'state'), '--run-id', 'r1']);
    expect(first.code).toBe(0);
    expect((await stat(join(root, 'real-state', 'runs', 'r1'))).mode & 0o777).toBe(0o750);
    for (const file of ['candidates.csv', 'evidence.ndjson', 'rejects.csv', 'manifest.json']) {
      expect((await stat(join(root, 'real-state', 'runs', 'r1', file))).mode & 0o777, file).toBe(0o640);
    }
    const second = await runCli(['nightly', '--input', input, '--out', join(root, 'state'), '--run-id', 'r2', '--config', join(input, 'config.json')]);
    expect(second.code).toBe(0);
    expect((await stat(join(root, 'state', 'latest'))).mode & 0o777).toBe(0o700);
    expect((await stat(join(root, 'state', 'latest', 'members.csv'))).mode & 0o777).toBe(0o600);
  });
});
