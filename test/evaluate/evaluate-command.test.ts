import { join } from 'node:path';
import { Command } from 'commander';
import { describe, expect, it, vi } from 'vitest';
import { register } from '../../src/cli/evaluate.js';
import { runCommand } from '../../src/cli/run-command.js';
import { folderWith } from '../support/temp-dir.js';

/** The evaluate command on its own program (src/cli/main.ts wires the same register function). */
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

describe('evaluate command', () => {
  it('prints the evaluation as text or JSON', async () => {
    const dir = await folderWith({
      'run/candidates.csv': 'account_id,cluster_id,score,reasons\nA1,C1,90,X\nA3,C1,90,X\n',
      'run/members.csv': 'cluster_id,account_id\nC1,A1\nC1,A3\n',
      'truth.csv': 'account_id,ring_id\nA1,R1\nA2,R1\nA3,\n',
    });
    const text = await run(['evaluate', '--run', join(dir, 'run'), '--truth', join(dir, 'truth.csv')]);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('candidates  precision 0.500  recall 0.500  F1 0.500');
    const json = await run(['evaluate', '--run', join(dir, 'run'), '--truth', join(dir, 'truth.csv'), '--json']);
    const parsed = JSON.parse(json.stdout);
    expect(parsed.pairwise).toMatchObject({ predictedPairs: 1, truePairs: 1, correctPairs: 0, precision: 0, recall: 0 });
  });

  it('exits with the input-rejected code when a file is missing', async () => {
    const dir = await folderWith({ 'truth.csv': 'account_id,ring_id\nA1,R1\n' });
    const result = await run(['evaluate', '--run', join(dir, 'nope'), '--truth', join(dir, 'truth.csv')]);
    expect(result.code).toBe(3);
    expect(result.stderr).toBe(`fraud-rings: ${join(dir, 'nope', 'candidates.csv')} not found\n`);
  });
});
