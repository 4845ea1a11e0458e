import { readdir, readlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { Driver } from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CrashPoint } from '../../src/run/crash-point.js';
import { requireServer, rows } from '../support/neo4j-test-server.js';
import { writeRingSnapshot } from '../support/ring-snapshot.js';
import { suiteDir, tempDir } from '../support/temp-dir.js';
import { clear, killedNight, neo4jNight, observed, type Captured } from './support/night.js';

/**
 * The commit protocol (docs/commit-protocol.md) under a kill at each of its steps: the night n1
 * is killed, then run again with the same id. Files and graph must be what an uninterrupted n1
 * gives. Then nights with a new id after a kill, where a clean night n0 came first.
 */
let driver: Driver;
let input: string;
let reference: Record<string, unknown>;

beforeAll(async () => {
  driver = await requireServer();
  input = await suiteDir('fraud-rings-commit-');
  await writeRingSnapshot(input, { accounts: 1000, seed: 29 });
  await clear(driver);
  const state = await suiteDir('fraud-rings-commit-ref-');
  await neo4jNight(input, state, 'n1');
  reference = await observed(driver, state, 'n1');
});

afterAll(async () => {
  await driver?.close();
});

/** A state folder and graph where night n1 was killed at `point`, after a clean night n0 when `after` is set. */
async function killedAt(point: CrashPoint, options: { after?: 'n0' } = {}): Promise<string> {
  await clear(driver);
  const state = await tempDir();
  if (options.after) await neo4jNight(input, state, options.after);
  await killedNight(input, state, 'n1', point);
  return state;
}

describe('a kill at each step of the commit protocol, then a rerun of the same id', () => {
  it.each(['after-write', 'after-manifest', 'after-seal', 'after-latest'] as const)('killed %s: the rerun completes the night exactly as an uninterrupted one', async (point) => {
    const state = await killedAt(point);
    // nothing half-done shows: Neo4j has no current run yet (it moves last)
    expect(await rows(driver, 'MATCH (r:PipelineRun:Current) RETURN r.runId AS run')).toEqual([]);
    const captured: Captured = { warnings: [] };
    await neo4jNight(input, state, 'n1', captured);
    expect(await observed(driver, state, 'n1')).toEqual(reference);
    expect((await readdir(state)).filter((f) => f.startsWith('.latest.'))).toEqual([]);
    if (point === 'after-seal') expect(captured.warnings).toContain('a run was sealed as succeeded but never became latest (killed while sealing); latest now points to it');
  });

  it('killed after Neo4j made it current: everything is done, and a rerun of the id is refused as before', async () => {
    const state = await killedAt('after-current');
    expect(await observed(driver, state, 'n1')).toEqual(reference);
    await expect(neo4jNight(input, state, 'n1')).rejects.toThrow(/run n1 already succeeded/);
    expect(await observed(driver, state, 'n1')).toEqual(reference);
  });
});

describe('a killed night replaced by a night with a new id', () => {
  it('killed before sealing: the new night marks it failed in Neo4j (never running for ever) and compares lineage with the night before', async () => {
    const state = await killedAt('after-write', { after: 'n0' });
    expect(await rows(driver, 'MATCH (r:PipelineRun {runId: "n1"}) RETURN r.status AS status')).toEqual([{ status: 'running' }]);
    const captured: Captured = { warnings: [] };
    await neo4jNight(input, state, 'n2', captured);
    expect(captured.warnings).toContain('neo4j: runs left running by killed processes are marked failed');
    expect(await rows(driver, 'MATCH (r:PipelineRun) RETURN r.runId AS run, r.status AS status, r:Current AS current, r.previousRunId AS previous ORDER BY run')).toEqual([
      { run: 'n0', status: 'succeeded', current: false, previous: null },
      { run: 'n1', status: 'failed', current: false, previous: null },
      { run: 'n2', status: 'succeeded', current: true, previous: 'n0' },
    ]);
  });

  it('killed after latest moved: the new night first makes it current in Neo4j, with a warning, then replaces it', async () => {
    const state = await killedAt('after-latest', { after: 'n0' });
    expect(await readlink(join(state, 'latest'))).toBe(join('runs', 'n1'));
    const captured: Captured = { warnings: [] };
    await neo4jNight(input, state, 'n2', captured);
    expect(captured.warnings).toContain('neo4j: the latest run was sealed but never made current (killed after sealing); it is current now');
    expect(await rows(driver, 'MATCH (r:PipelineRun) RETURN r.runId AS run, r.status AS status, r:Current AS current, r.previousRunId AS previous ORDER BY run')).toEqual([
      { run: 'n0', status: 'succeeded', current: false, previous: null },
      { run: 'n1', status: 'succeeded', current: false, previous: 'n0' },
      { run: 'n2', status: 'succeeded', current: true, previous: 'n1' },
    ]);
  });
});
