import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Driver } from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateSnapshot } from '../../src/generate/generate-snapshot.js';
import { count, requireServer, wipe } from '../support/neo4j-test-server.js';
import { killAfterStage } from '../support/kill-after-stage.js';
import { runCli } from '../support/run-cli.js';
import { readCsv } from '../support/snapshot-files.js';
import { suiteDir } from '../support/temp-dir.js';

/** A nightly run with the Neo4j sink, killed while it writes to Neo4j, then run again. */
let driver: Driver;

beforeAll(async () => {
  driver = await requireServer();
  await wipe(driver);
});

afterAll(async () => {
  await driver?.close();
});

describe('a Neo4j run killed mid-write', () => {
  it('never shows as current, and its rerun gives the uninterrupted result in Neo4j and on disk', async () => {
    const input = await suiteDir('fraud-rings-neo4j-kill-');
    await generateSnapshot({ accounts: 20000, seed: 9090, out: input });
    const state = await suiteDir('fraud-rings-neo4j-kill-state-');

    // the run folder is written first; kill as soon as it is, while Neo4j is being written
    await killAfterStage(['--input', input, '--out', state, '--run-id', 'k1', '--sink', 'neo4j'], 'write files');
    expect(await count(driver, 'MATCH (c:FraudCluster:Current) RETURN count(c) AS n')).toBe(0);
    expect(await count(driver, 'MATCH (r:PipelineRun {runId: "k1"}) WHERE r:Current RETURN count(r) AS n')).toBe(0);

    const rerun = await runCli(['nightly', '--input', input, '--out', state, '--run-id', 'k1', '--sink', 'neo4j']);
    expect(rerun.code, rerun.stderr).toBe(0);
    const reference = await suiteDir('fraud-rings-neo4j-kill-ref-');
    expect((await runCli(['nightly', '--input', input, '--out', reference, '--run-id', 'ref'])).code).toBe(0);
    for (const file of ['clusters.csv', 'members.csv', 'candidates.csv']) {
      expect((await readFile(join(state, 'runs', 'k1', file))).equals(await readFile(join(reference, 'runs', 'ref', file))), file).toBe(true);
    }
    const clusters = await readCsv(join(state, 'runs', 'k1', 'clusters.csv'));
    const members = await readCsv(join(state, 'runs', 'k1', 'members.csv'));
    const candidates = await readCsv(join(state, 'runs', 'k1', 'candidates.csv'));
    expect(await count(driver, 'MATCH (c:FraudCluster:Current {runId: "k1"}) RETURN count(c) AS n')).toBe(clusters.length);
    expect(await count(driver, 'MATCH (c:FraudCluster {runId: "k1"}) RETURN count(c) AS n')).toBe(clusters.length);
    expect(await count(driver, 'MATCH (:Account)-[m:MEMBER_OF]->(:FraudCluster:Current) RETURN count(m) AS n')).toBe(members.length);
    expect(await count(driver, 'MATCH (b:BlacklistCandidate {current: true}) RETURN count(b) AS n')).toBe(candidates.length);
    expect(await count(driver, 'MATCH (r:PipelineRun:Current {runId: "k1", status: "succeeded"}) RETURN count(r) AS n')).toBe(1);
  });
});
