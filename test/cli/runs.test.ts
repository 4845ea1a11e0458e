import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { messages, runCli } from '../support/run-cli.js';
import { folderWith, tempDir } from '../support/temp-dir.js';

const accounts = 'account_id,created_at\nA1,2024-01-01\nA2,2024-01-02\nA3,2024-01-03\n';
const identifiers = 'account_id,kind,value\nA1,device,d1\nA2,device,d1\nA3,device,d1\nA3,email,x\nZZ,email,y\n';

describe('fraud-rings runs and --dry-run', () => {
  it('lists runs newest first with the latest marked, and shows one with its stage timings', async () => {
    const input = await folderWith({ 'accounts.csv': accounts, 'identifiers.csv': identifiers });
    const config = await folderWith({ 'c.json': JSON.stringify({ input: { maxRejectShare: 0.5 } }) });
    const out = await tempDir();
    expect((await runCli(['nightly', '--input', input, '--out', out, '--run-id', 'first', '--config', `${config}/c.json`])).code).toBe(0);
    expect((await runCli(['nightly', '--input', input, '--out', out, '--run-id', 'second'])).code).toBe(3);

    const list = await runCli(['runs', 'list', '--out', out]);
    expect(list.code).toBe(0);
    const lines = list.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^run\s+status\s+started/);
    expect(lines[1]).toMatch(/^second\s+failed/);
    expect(lines[2]).toMatch(/^first \*\s+succeeded\s.*\s3\s+0\s+0\s+1$/);

    const json = JSON.parse((await runCli(['runs', 'list', '--out', out, '--format', 'json'])).stdout);
    expect(json.map((r: { runId: string; latest: boolean }) => [r.runId, r.latest])).toEqual([['second', false], ['first', true]]);

    const show = await runCli(['runs', 'show', 'first', '--out', out]);
    expect(show.stdout).toMatch(/^run first: succeeded/);
    expect(show.stdout).toMatch(/identifiers: 5 rows, 1 rejected/);
    expect(show.stdout).toMatch(/\nload snapshot\s+\d+\s+\d+\n/);

    const report = join(out, 'runs', 'first', 'report.html');
    expect(show.stdout).toContain(`report: ${report}`);
    expect(await readFile(join(out, 'runs', 'second', 'report.html'), 'utf8')).toMatch(/exit 3: /);

    // --open hands the report to the desktop's opener
    const bin = await tempDir();
    const opened = join(bin, 'opened');
    await writeFile(join(bin, 'xdg-open'), `#!/bin/sh\necho "$@" > ${opened}\n`, { mode: 0o755 });
    const open = await runCli(['runs', 'show', 'first', '--out', out, '--open'], { PATH: `${bin}:${process.env.PATH}` });
    expect(open.code, open.stderr).toBe(0);
    await expect.poll(() => readFile(opened, 'utf8').catch(() => ''), { timeout: 5000 }).toBe(`${report}\n`);

    const missing = await runCli(['runs', 'show', 'nope', '--out', out]);
    expect(missing.code).toBe(2);
    expect(messages(missing.stderr)).toEqual([expect.stringMatching(/no run nope in/)]);
  });

  it('--dry-run validates without writing anything, and fails like a run would', async () => {
    const input = await folderWith({ 'accounts.csv': accounts, 'identifiers.csv': identifiers });
    const out = await tempDir();
    const config = await folderWith({ 'c.json': JSON.stringify({ input: { maxRejectShare: 0.5 } }) });
    const ok = await runCli(['nightly', '--input', input, '--out', out, '--dry-run', '--config', `${config}/c.json`]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/identifiers: 5 rows, 4 accepted, 1 would be rejected/);
    expect(ok.stdout).toMatch(/identifiers line 6: account_id "ZZ" is not in accounts/);
    expect(await readdir(out)).toEqual([]);

    const strict = await runCli(['nightly', '--input', input, '--out', out, '--dry-run']);
    expect(strict.code).toBe(3);
    expect(await readdir(out)).toEqual([]);
  });
});
