import { pino, type Logger } from 'pino';
import pretty from 'pino-pretty';
import { redactCardNumbers } from './normalise/redact.js';

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
  return pino(
    {
      level,
      base: { app: 'fraud-rings' },
      // the last line of defence: no card number reaches a log line, whatever a message quotes
      hooks: {
        logMethod(args, method) {
          return method.apply(this, args.map((arg) => redactDeep(arg, 0)) as Parameters<typeof method>);
        },
      },
    },
    destination,
  );
}

function redactDeep(value: unknown, depth: number): unknown {
  if (typeof value === 'string') return redactCardNumbers(value);
  if (depth > 4 || value === null || typeof value !== 'object') return value;
  if (value instanceof Error) {
    const copy = new Error(redactCardNumbers(value.message));
    copy.name = value.name;
    if (value.stack) copy.stack = redactCardNumbers(value.stack);
    return copy;
  }
  if (Array.isArray(value)) return value.map((v) => redactDeep(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = redactDeep(v, depth + 1);
  return out;
}
