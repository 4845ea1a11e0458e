import neo4j, { type Driver } from 'neo4j-driver';
import { hostname } from 'node:os';
import { LockHeldError } from '../../errors.js';
import { isProcessAlive } from '../../run/process-alive.js';
import type { QueryFiles } from './query-files.js';

export const TAKE_LOCK = 'sink/take-lock';
export const RELEASE_LOCK = 'sink/release-lock';

interface Holder {
  free: boolean;
  runId: string;
  host: string;
  pid: number;
  since: string;
}

/**
 * One nightly run per Neo4j database, like the state folder's lock file: a `PipelineLock` node.
 * A lock left by a killed run is taken over when it expires, when the same run id is rerun, or at
 * once when its holder was a process on this host that no longer exists.
 */
export async function takeDatabaseLock(driver: Driver, database: string, queries: QueryFiles, runId: string, ttlMinutes: number): Promise<void> {
  const take = async (force: boolean): Promise<Holder> => {
    const result = await driver.executeQuery(
      queries.get(TAKE_LOCK),
      { runId, host: hostname(), pid: neo4j.int(process.pid), ttlMinutes: neo4j.int(ttlMinutes), force },
      { database, routing: neo4j.routing.WRITE },
    );
    const r = result.records[0]!;
    const pid = r.get('pid');
    return { free: r.get('free') as boolean, runId: r.get('runId') as string, host: r.get('host') as string, pid: neo4j.isInt(pid) ? pid.toNumber() : Number(pid), since: r.get('since') as string };
  };
  let holder = await take(false);
  if (!holder.free && !isProcessAlive(holder.host, holder.pid)) holder = await take(true);
  if (!holder.free) {
    throw new LockHeldError(`another nightly run holds the lock on Neo4j database ${database}: run ${holder.runId}, pid ${holder.pid} on ${holder.host}, since ${holder.since}`);
  }
}

export async function releaseDatabaseLock(driver: Driver, database: string, queries: QueryFiles, runId: string): Promise<void> {
  await driver.executeQuery(queries.get(RELEASE_LOCK), { runId }, { database, routing: neo4j.routing.WRITE });
}
