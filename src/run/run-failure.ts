import { ExitCode, UserError } from '../errors.js';
import { redactCardNumbers } from '../normalise/redact.js';

/**
 * How a failed run is reported: the first line of the error (plus where the rejected rows are,
 * when there are any) and the exit code its kind stands for. The error's own message becomes that
 * line too, so the CLI prints what the manifest records.
 */
export function describeFailure(err: unknown, rejectsPath: string | null): { message: string; exitCode: number } {
  const exitCode = err instanceof UserError ? err.exitCode : ExitCode.internal;
  // the message may quote input: no card number goes to the manifest or the log
  let message = redactCardNumbers(err instanceof Error ? err.message.split('\n')[0]! : String(err));
  if (rejectsPath !== null) message += ` (rejected rows: ${rejectsPath})`;
  if (err instanceof Error) err.message = message;
  return { message, exitCode };
}
