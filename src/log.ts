import { pino, type Logger } from 'pino';
import pretty from 'pino-pretty';

export type { Logger };

export interface LogOptions {
  verbose?: boolean;
  silent?: boolean;
  /** human-readable lines instead of JSON (for a terminal) */
  pretty?: boolean;
}

/**
 * JSON lines on stderr for schedulers and log shippers; readable lines when a person watches a
 * terminal. stdout stays free for the human summary and for data piped on. Synchronous, so the
 * last lines before an exit are never lost.
 */
export function createLogger(options: LogOptions = {}): Logger {
  const level = options.silent ? 'silent' : options.verbose ? 'debug' : 'info';
  const destination = options.pretty
    ? pretty({ destination: 2, sync: true, colorize: true, ignore: 'pid,hostname,app', translateTime: 'HH:MM:ss', singleLine: true })
    : pino.destination({ fd: 2, sync: true });
  return pino({ level, base: { app: 'fraud-rings' } }, destination);
}
