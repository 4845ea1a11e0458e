import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));

/**
 * Runs the real `fraud-rings nightly` with the given arguments and SIGKILLs it as soon as it logs
 * that the named stage finished; asserts it was killed rather than finishing on its own.
 */
export async function killAfterStage(args: string[], stage: string): Promise<void> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'nightly', ...args], { cwd: root, stdio: ['ignore', 'ignore', 'pipe'] });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  let buffered = '';
  child.stderr!.on('data', (chunk: Buffer) => {
    buffered += chunk.toString();
    const lines = buffered.split('\n');
    buffered = lines.pop()!;
    for (const line of lines) if (line.includes('"stage finished"') && (JSON.parse(line) as { stage: string }).stage === stage) child.kill('SIGKILL');
  });
  expect(await exited).toBeNull(); // killed, not finished
}
