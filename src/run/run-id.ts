import { UserError } from '../errors.js';

/**
 * A run id names a folder under `runs/` and appears in Neo4j, so it is a plain token: a letter or
 * digit, then up to 63 letters, digits, `_` or `-`. No dots, slashes or leading dashes, so it can
 * never climb out of `runs/` or look like a partial folder (`.<id>.partial`).
 */
export const RUN_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;

export function isRunId(value: string): boolean {
  return RUN_ID_PATTERN.test(value);
}

/** Returns the id, or throws a usage error (exit 2) before any file is touched. */
export function checkRunId(value: string): string {
  if (!isRunId(value)) {
    const shown = JSON.stringify(value.length > 70 ? `${value.slice(0, 70)}…` : value);
    throw new UserError(`run id ${shown} is not allowed: use 1–64 letters, digits, '_' or '-', starting with a letter or digit`);
  }
  return value;
}
