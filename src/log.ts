import { pino, type Logger } from 'pino';

export type { Logger };

/**
 * JSON lines on stderr (stdout is kept for the human summary and for data a user pipes on).
 * Synchronous so that the last lines before an exit are never lost.
 */
export function createLogger(options: { verbose?: boolean; silent?: boolean } = {}): Logger {
  return pino(
    { level: options.silent ? 'silent' : options.verbose ? 'debug' : 'info', base: { app: 'fraud-rings' } },
    pino.destination({ fd: 2, sync: true }),
  );
}
