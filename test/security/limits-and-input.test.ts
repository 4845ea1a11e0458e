import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { inputLimits } from '../../src/snapshot/input-limits.js';
import { messages, runCli } from '../support/run-cli.js';
import { folderWith, tempDir } from '../support/temp-dir.js';

/**
 * Issue 12, crashes and unclear failures: a row nested 5,000 levels deep aborted the run with
 * "Maximum call stack size exceeded", a million-column header ran for minutes, 200,000 rules
 * took 4.5 GB, a gzip file named .csv printed binary garbage as an internal error, and a table
 * that was a symlink to /etc/shadow had its first line copied into stderr and the manifest.
 */
const accountsCsv = 'account_id,created_at\nA1,2024-01-01\nA2,2024-01-02\nA3,2024-01-03\n';
const identifierLines = ['{"account_id":"A1","kind":"device","value":"d1"}', '{"account_id":"A2","kind":"device","value":"d1"}', '{"account_id":"A3","kind":"device","value":"d1"}'];

async function rejectsOf(state: string): Promise<string> {
  return readFile(join(state, 'latest', 'rejects.csv'), 'utf8');
}

describe('limits (issue 12)', () => {
  it('rejects an NDJSON row nested 5,000 levels deep, a row over the line limit and a row with too many keys, by line, and the run goes on', async () => {
    const deep = `{"account_id":"A1","kind":"device","value":${'['.repeat(5000)}${']'.repeat(5000)}}`;
    const long = JSON.stringify({ account_id: 'A2', kind: 'device', value: 'x'.repeat(inputLimits.maxLineLength + 10) });
    const wide = JSON.stringify(Object.fromEntries([['account_id', 'A3'], ['kind', 'ip'], ['value', '1.1.1.1'], ...Array.from({ length: 1200 }, (_, i) => [`k${i}`, 'v'])]));
    const rows = [...identifierLines, ...Array.from({ length: 60 }, (_, i) => `{"account_id":"A${1 + (i % 3)}","kind":"email","value":"e${i}@x.test"}`), deep, long, wide];
    const input = await folderWith({ 'accounts.csv': accountsCsv, 'identifiers.ndjson': `${rows.join('\n')}\n` });
    const state = await tempDir();
    const result = await runCli(['nightly', '--input', input, '--out', state, '--run-id', 'r1']);
    expect(messages(result.stderr)).toEqual([]);
    expect(result.code).toBe(0);
    const rejects = await rejectsOf(state);
    expect(rejects).toContain(`identifiers,64,nested deeper than ${inputLimits.maxNestingDepth} levels,`);
    expect(rejects).toContain(`identifiers,65,line longer than ${inputLimits.maxLineLength} characters,`);
    expect(rejects).toContain(`identifiers,66,"1203 keys, more than the limit of ${inputLimits.maxColumns}",`);
  });

  it('stops the run with one line (exit 3) on a header with a million columns, at once', async () => {
    const header = Array.from({ length: 1_000_000 }, (_, i) => `c${i}`).join(',');
    const input = await folderWith({ 'accounts.csv': `account_id,${header}\nA1${',x'.repeat(1_000_000)}\n`, 'identifiers.csv': 'account_id,kind,value\n' });
    const started = Date.now();
    const result = await runCli(['nightly', '--input', input, '--out', await tempDir(), '--run-id', 'r1']);
    expect(result.code).toBe(3);
    expect(messages(result.stderr)).toEqual([expect.stringMatching(/accounts\.csv has 1000001 columns, more than the limit of 1000$/)]);
    expect(Date.now() - started).toBeLessThan(30_000);
  });

  it('refuses a config with 200,000 rules (exit 2) without writing anything', async () => {
    const rule = { code: 'R', feature: 'size', op: '>=', value: 1, points: 1 };
    const dir = await tempDir();
    await writeFile(join(dir, 'rules.json'), JSON.stringify({ scoring: { clusterRules: Array.from({ length: 200_000 }, () => rule) } }));
    await writeFile(join(dir, 'few.json'), JSON.stringify({ scoring: { clusterRules: Array.from({ length: 201 }, () => rule) } }));
    const input = await folderWith({ 'accounts.csv': accountsCsv, 'identifiers.csv': 'account_id,kind,value\n' });
    const state = await tempDir();
    const big = await runCli(['nightly', '--input', input, '--out', state, '--config', join(dir, 'rules.json')]);
    expect(big.code).toBe(2);
    expect(messages(big.stderr)).toEqual([expect.stringMatching(/rules\.json is \d+ bytes, more than the limit of 1048576$/)]);
    const many = await runCli(['nightly', '--input', input, '--out', state, '--config', join(dir, 'few.json')]);
    expect(many.code).toBe(2);
    expect(messages(many.stderr)).toEqual([expect.stringMatching(/scoring\.clusterRules: .*200/)]);
    expect(await readdir(state)).toEqual([]);
  });
});

describe('gzip input (issue 12)', () => {
  it('reads .csv.gz and .ndjson.gz natively, with the same result as plain files', async () => {
    const plain = await folderWith({ 'accounts.csv': accountsCsv, 'identifiers.ndjson': `${identifierLines.join('\n')}\n` });
    const zipped = await folderWith({ 'accounts.csv.gz': gzipSync(accountsCsv), 'identifiers.ndjson.gz': gzipSync(`${identifierLines.join('\n')}\n`) });
    const a = await tempDir();
    const b = await tempDir();
    expect((await runCli(['nightly', '--input', plain, '--out', a, '--run-id', 'r1'])).code).toBe(0);
    const z = await runCli(['nightly', '--input', zipped, '--out', b, '--run-id', 'r1']);
    expect(messages(z.stderr)).toEqual([]);
    expect(z.code).toBe(0);
    for (const file of ['members.csv', 'candidates.csv', 'evidence.ndjson']) expect(await readFile(join(b, 'latest', file), 'utf8')).toBe(await readFile(join(a, 'latest', file), 'utf8'));
    const manifest = JSON.parse(await readFile(join(b, 'latest', 'manifest.json'), 'utf8'));
    expect(manifest.input.tables.map((t: { path: string; rowsRead: number }) => [t.path.split('/').pop(), t.rowsRead])).toEqual([['accounts.csv.gz', 3], ['identifiers.ndjson.gz', 3]]);
  });

  it('refuses a gzip file named .csv, and a .gz that is not gzip or is truncated, with one readable line (exit 3)', async () => {
    const cases: Array<[Record<string, string | Buffer>, RegExp]> = [
      [{ 'accounts.csv': gzipSync(accountsCsv), 'identifiers.csv': 'account_id,kind,value\n' }, /accounts\.csv is gzip-compressed: name it .*accounts\.csv\.gz/],
      [{ 'accounts.csv.gz': accountsCsv, 'identifiers.csv': 'account_id,kind,value\n' }, /accounts\.csv\.gz is named \.gz but is not gzip-compressed/],
      [{ 'accounts.csv': accountsCsv, 'identifiers.ndjson.gz': gzipSync(identifierLines.join('\n').repeat(50)).subarray(0, 60) }, /cannot read .*identifiers\.ndjson\.gz: the gzip data is corrupt or truncated/],
    ];
    for (const [files, message] of cases) {
      const result = await runCli(['nightly', '--input', await folderWith(files), '--out', await tempDir(), '--run-id', 'r1']);
      expect(result.code).toBe(3);
      expect(messages(result.stderr)).toEqual([expect.stringMatching(message)]);
      expect(result.stderr).not.toMatch(/[\u0000-\u0008\u000e-\u001f\ufffd]/);
    }
  });
});

describe('file contents are never echoed (issue 12)', () => {
  it('does not quote the first line of a table that is not a header (a password file) in stderr or the manifest', async () => {
    const secret = 'root:$6$Zx9secretsalt$hashedpasswordvalue:19000:0:99999:7:::';
    const dir = await tempDir();
    await writeFile(join(dir, 'shadow'), `${secret}\ndaemon:*:19000:0:99999:7:::\n`);
    const input = await folderWith({ 'identifiers.csv': 'account_id,kind,value\n' });
    const { symlink } = await import('node:fs/promises');
    await symlink(join(dir, 'shadow'), join(input, 'accounts.csv'));
    const state = await tempDir();
    const result = await runCli(['nightly', '--input', input, '--out', state, '--run-id', 'r1']);
    expect(result.code).toBe(3);
    expect(messages(result.stderr)).toEqual([expect.stringMatching(/accounts\.csv lacks required column account_id \(the first line does not look like a header of column names\)$/)]);
    const manifest = await readFile(join(state, 'runs', 'r1', 'manifest.json'), 'utf8');
    for (const text of [result.stderr, manifest]) {
      expect(text).not.toContain('secretsalt');
      expect(text).not.toContain('root:');
    }
  });
});
