import neo4j, { type Driver, type Integer } from 'neo4j-driver';
import type { QueryFiles } from './query-files.js';

export const RUN_STATE = 'sink/run-state';
export const ABANDON_RUNS = 'sink/abandon-runs';
export const COMMIT_REPAIR_QUERIES = [RUN_STATE, ABANDON_RUNS];

/** How far a run got in the graph. */
export interface GraphRunState {
  /** null: the run never wrote to this database */
  status: string | null;
  current: boolean;
  /** its cluster versions in the graph */
  clusters: number;
  /** the run that is :Current now, if any */
  currentRunId: string | null;
}

export async function runState(driver: Driver, database: string, queries: QueryFiles, runId: string): Promise<GraphRunState> {
  const session = driver.session({ database, defaultAccessMode: neo4j.session.READ });
  try {
    const result = await session.executeRead((tx) => tx.run(queries.get(RUN_STATE), { runId }));
    const r = result.records[0]!;
    return {
      status: (r.get('status') as string | null) ?? null,
      current: r.get('current') === true,
      clusters: (r.get('clusters') as Integer).toNumber(),
      currentRunId: (r.get('currentRunId') as string | null) ?? null,
    };
  } finally {
    await session.close();
  }
}

/** Marks runs still `running` (their processes were killed: the caller holds the database lock) as failed, except `keep`. */
export async function abandonRuns(driver: Driver, database: string, queries: QueryFiles, keep: readonly string[]): Promise<string[]> {
  const session = driver.session({ database, defaultAccessMode: neo4j.session.WRITE });
  try {
    const result = await session.executeWrite((tx) => tx.run(queries.get(ABANDON_RUNS), { keep, at: new Date().toISOString() }));
    return (result.records[0]?.get('runs') as string[] | undefined) ?? [];
  } finally {
    await session.close();
  }
}
