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

/**
 * TEST-ONLY: a detection worker kills itself (SIGKILL) in the phase and bucket named, on its
 * first attempt, or on every attempt with `:always`:
 *
 *   FRAUD_RINGS_TEST_BUCKET_CRASH=<phase>:<bucket>[:always]
 */
export const BUCKET_CRASH_ENV = 'FRAUD_RINGS_TEST_BUCKET_CRASH';

export function bucketCrashPoint(phase: string, bucket: number, attempt: number): void {
  const armed = process.env[BUCKET_CRASH_ENV];
  if (!armed) return;
  const [atPhase, atBucket, always] = armed.split(':');
  if (atPhase === phase && Number(atBucket) === bucket && (attempt === 1 || always === 'always')) process.kill(process.pid, 'SIGKILL');
}
