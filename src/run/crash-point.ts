/**
 * Named points where the fault tests (test/faults/) kill the process, to prove that every step
 * of the commit protocol (docs/commit-protocol.md) is recoverable. TEST-ONLY: armed by the
 * environment variable below, which no deployment sets; unset, a crash point does nothing.
 *
 *   FRAUD_RINGS_TEST_CRASH_AT=<point>[,<point>…]
 */
export const CRASH_AT_ENV = 'FRAUD_RINGS_TEST_CRASH_AT';

/** Every named point, in the order a night passes them. */
export const CRASH_POINTS = [
  'lock-takeover',
  'after-write',
  'after-manifest',
  'after-seal',
  'after-latest',
  'after-current',
  'decision-append',
] as const;
export type CrashPoint = (typeof CRASH_POINTS)[number];

/** Kills this process at once (SIGKILL: no finally block runs, as with a power cut) when the point is armed. */
export function crashPoint(point: CrashPoint): void {
  const armed = process.env[CRASH_AT_ENV];
  if (armed && armed.split(',').includes(point)) process.kill(process.pid, 'SIGKILL');
}
