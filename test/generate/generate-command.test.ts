import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { register } from '../../src/cli/generate.js';
import { runInProcess } from '../support/run-in-process.js';
import { tempDir } from '../support/temp-dir.js';

const run = (args: string[]) => runInProcess(register, args);

describe('generate command', () => {
  it('writes a snapshot and prints what it wrote', async () => {
    const out = await tempDir();
    const result = await run(['generate', '--accounts', '300', '--seed', '4', '--out', out, '--format', 'ndjson']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/generated 300 accounts in [\d.]+ s \(ndjson\)/);
    expect(result.stdout).toContain(join(out, 'identifiers.ndjson'));
    expect((await readFile(join(out, 'truth.csv'), 'utf8')).split('\n')[0]).toBe('account_id,ring_id,fraud');
  });

  it('writes the world asked for, with only its tables', async () => {
    const out = await tempDir();
    const result = await run(['generate', '--accounts', '300', '--seed', '4', '--out', out, '--world', 'identity-only']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/generated 300 accounts in [\d.]+ s \(csv, world identity-only\)/);
    expect(result.stdout).not.toContain('transactions.csv');
    expect((await readdir(out)).sort()).toEqual(['accounts.csv', 'identifiers.csv', 'truth.csv']);
    const unknown = await run(['generate', '--accounts', '300', '--seed', '4', '--out', out, '--world', 'mars']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/--world.*mars/);
  });

  it('turns bad arguments into one-line usage errors', async () => {
    const out = await tempDir();
    const notANumber = await run(['generate', '--accounts', 'many', '--seed', '1', '--out', out]);
    expect(notANumber.code).toBe(2);
    expect(notANumber.stderr).toBe('fraud-rings: --accounts must be a whole number, got "many"\n');
    const tooFew = await run(['generate', '--accounts', '5', '--seed', '1', '--out', out]);
    expect(tooFew.code).toBe(2);
    expect(tooFew.stderr).toMatch(/^fraud-rings: generate: accounts must be a whole number from 100/);
  });
});
