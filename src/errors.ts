/**
 * Exit codes are part of the public contract: schedulers branch on them.
 * Documented in README.md ("Exit codes").
 */
export const ExitCode = {
  ok: 0,
  internal: 1,
  usage: 2,
  inputRejected: 3,
  lockHeld: 4,
  sinkUnavailable: 5,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/**
 * An error the user can cause and fix (bad input, bad config, an unreachable sink).
 * It carries a one-line message and the exit code; the CLI prints the message
 * without a stack trace unless --verbose is given. Bugs stay plain exceptions.
 */
export class UserError extends Error {
  readonly exitCode: ExitCode;
  constructor(message: string, exitCode: ExitCode = ExitCode.usage, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'UserError';
    this.exitCode = exitCode;
  }
}

export class InputError extends UserError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, ExitCode.inputRejected, options);
    this.name = 'InputError';
  }
}

export class SinkUnavailableError extends UserError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, ExitCode.sinkUnavailable, options);
    this.name = 'SinkUnavailableError';
  }
}

export class LockHeldError extends UserError {
  constructor(message: string) {
    super(message, ExitCode.lockHeld);
    this.name = 'LockHeldError';
  }
}
