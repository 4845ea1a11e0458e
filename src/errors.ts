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
  diskFull: 6,
  damagedState: 7,
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

/**
 * The engine that runs the global steps (`nightly --engine spark`) failed: a bad master, a driver
 * that was killed, no java. Exit 5 as for a sink: the run is failed, `latest` stays, retry later.
 */
export class EngineUnavailableError extends UserError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, ExitCode.sinkUnavailable, options);
    this.name = 'EngineUnavailableError';
  }
}

export class LockHeldError extends UserError {
  constructor(message: string) {
    super(message, ExitCode.lockHeld);
    this.name = 'LockHeldError';
  }
}

/** The disk (or the quota, or the inodes) ran out while writing: free space and rerun. */
export class DiskFullError extends UserError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, ExitCode.diskFull, options);
    this.name = 'DiskFullError';
  }
}

/**
 * A file of the state folder the project wrote itself (the decision log) is damaged in a way it
 * cannot repair alone: the message says which line and how to fix it. Not the snapshot's exit 3.
 */
export class DamagedStateError extends UserError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, ExitCode.damagedState, options);
    this.name = 'DamagedStateError';
  }
}

const UNWRITABLE_CODES = new Set(['EROFS', 'EACCES', 'EPERM']);

/** A usage error (exit 2) for a write refused by the file system (read-only, permissions); null for any other error. */
export function asUnwritable(err: unknown, what: string): UserError | null {
  if (err instanceof UserError) return null;
  const code = (err as NodeJS.ErrnoException | null)?.code;
  if (typeof code !== 'string' || !UNWRITABLE_CODES.has(code)) return null;
  const path = (err as NodeJS.ErrnoException).path;
  return new UserError(`${what}: ${path ?? 'the state folder'} is not writable (${code}): make it writable, then rerun`, ExitCode.usage, { cause: err });
}

const DISK_FULL_CODES = new Set(['ENOSPC', 'EDQUOT']);

/** A DiskFullError for an error that is (or was caused by) a full disk, quota or inode table; null otherwise. */
export function asDiskFull(err: unknown): DiskFullError | null {
  if (err instanceof DiskFullError) return err;
  for (let e: unknown = err, depth = 0; e && depth < 8; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as NodeJS.ErrnoException).code;
    if (typeof code === 'string' && DISK_FULL_CODES.has(code)) {
      const path = (e as NodeJS.ErrnoException).path;
      return new DiskFullError(`no space left on the device${path ? ` writing ${path}` : ''} (${code}): free space or inodes, then rerun`, { cause: err });
    }
  }
  return null;
}
