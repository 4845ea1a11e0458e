import { CommanderError, type Command } from 'commander';
import { asDiskFull, ExitCode, UserError } from '../errors.js';
import { redactCardNumbers } from '../normalise/redact.js';

/**
 * Parses argv and runs the chosen command. User errors become one line on stderr and their
 * exit code; anything else is a bug: one line too, with the stack only under --verbose.
 */
export async function runCommand(program: Command, argv: string[]): Promise<void> {
  const verbose = argv.includes('--verbose');
  try {
    await program.parseAsync(argv);
  } catch (err) {
    if (err instanceof CommanderError) {
      process.exitCode = err.exitCode === 0 ? ExitCode.ok : ExitCode.usage;
      return;
    }
    const diskFull = asDiskFull(err);
    if (diskFull) err = diskFull;
    if (err instanceof UserError) {
      process.stderr.write(`fraud-rings: ${redactCardNumbers(err.message.split('\n')[0]!)}\n`);
      if (verbose && err.cause) process.stderr.write(`${String((err.cause as Error).stack ?? err.cause)}\n`);
      process.exitCode = err.exitCode;
      return;
    }
    const message = err instanceof Error ? err.message : String(err);
    process.stderr.write(`fraud-rings: internal error: ${redactCardNumbers(message.split('\n')[0]!)}${verbose ? '' : ' (rerun with --verbose for details)'}\n`);
    if (verbose && err instanceof Error) process.stderr.write(`${err.stack}\n`);
    process.exitCode = ExitCode.internal;
  }
}
