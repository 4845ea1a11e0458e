import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Command } from 'commander';
import { describe, expect, it, vi } from 'vitest';
import { register } from '../../src/cli/generate.js';
import { runCommand } from '../../src/cli/run-command.js';
import { tempDir } from '../support/temp-dir.js';

/** The generate command on its own program (src/cli/main.ts wires the same register function). */
async function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const program = new Command().name('fraud-rings').option('--verbose').exitOverride();
  register(program);
  let stdout = '';
  let stderr = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((stdout += String(chunk)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((stderr += String(chunk)), true));
  try {
    await runCommand(program, ['node', 'fraud-rings', ...args]);
    return { code: Number(process.exitCode ?? 0), stdout, stderr };
  } finally {
    vi.restoreAllMocks();
    process.exitCode = 0;
  }
}

describe('generate command', () => {
  it('writes a snapshot and prints what it wrote', async () => {
    const out = await tempDir();
    const result = await run(['generate', '--accounts', '300', '--seed', '4', '--out', out, '--format', 'ndjson']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/generated 300 accounts in [\d.]+ s \(ndjson\)/);
    expect(result.stdout).toContain(join(out, 'identifiers.ndjson'));
    expect((await readFile(join(out, 'truth.csv'), 'utf8')).split('\n')[0]).toBe('account_id,ring_id');
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
