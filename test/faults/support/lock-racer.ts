/**
 * One side of the lock race (test/faults/lock-race.test.ts): imports only the lock modules.
 * For each state folder in turn it waits for the round's start instant (the other side waits for
 * the same one), then tries to take the lock once, without waiting. Locks it wins are held until
 * every round is over on both sides (the parent closes this process's stdin then), so a late
 * loser finds a live holder rather than a free lock. Prints one JSON line per round.
 *
 *   node --import tsx lock-racer.ts <nightly|review> <startAtMs> <intervalMs> <stateDir>…
 */
import { LockHeldError } from '../../../src/errors.js';
import { createLogger } from '../../../src/log.js';
import { withDecisionLock } from '../../../src/review/decision-lock.js';
import { StateLock } from '../../../src/run/state-lock.js';

const [kind, startAt, interval, ...dirs] = process.argv.slice(2);
const log = createLogger({ silent: true });
const held: Array<() => Promise<void>> = [];
let endRounds!: () => void;
const roundsOver = new Promise<void>((resolve) => (endRounds = resolve));

async function attempt(dir: string): Promise<boolean> {
  try {
    if (kind === 'nightly') {
      const lock = await StateLock.acquire(dir, `racer-${process.pid}`, log);
      held.push(() => lock.release());
      return true;
    }
    let won!: (taken: boolean) => void;
    const taken = new Promise<boolean>((resolve) => (won = resolve));
    const holding = withDecisionLock(dir, async () => {
      won(true);
      await roundsOver;
    }, { timeoutMs: 0 });
    held.push(() => holding);
    holding.catch((err: unknown) => (err instanceof LockHeldError ? won(false) : Promise.reject(err)));
    return await taken;
  } catch (err) {
    if (err instanceof LockHeldError) return false;
    throw err;
  }
}

for (let round = 0; round < dirs.length; round++) {
  const at = Number(startAt) + round * Number(interval);
  while (Date.now() < at) {
    // spin: both sides leave this loop within the same millisecond
  }
  const won = await attempt(dirs[round]!);
  process.stdout.write(`${JSON.stringify({ round, won })}\n`);
}
// hold every lock won until the other side is done too
process.stdin.resume();
await new Promise((resolve) => process.stdin.on('end', resolve));
endRounds();
for (const release of held) await release().catch(() => undefined);
