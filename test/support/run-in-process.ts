import { Command } from 'commander';
import { vi } from 'vitest';
import { runCommand } from '../../src/cli/run-command.js';

/**
 * Runs one command's register function on its own program, in this process (src/cli/main.ts
 * wires the same register functions), capturing what it writes and its exit code.
 */
export async function runInProcess(register: (program: Command) => void, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
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
