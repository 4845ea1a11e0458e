import { spawn } from 'node:child_process';
import { readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Driver } from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateSnapshot } from '../../src/generate/generate-snapshot.js';
import { DecisionLog } from '../../src/review/decision-log.js';
import { requireServer, rows, settings, shape, wipe, write } from '../support/neo4j-test-server.js';
import { runCli } from '../support/run-cli.js';
import { readCsv } from '../support/snapshot-files.js';
import { suiteDir } from '../support/temp-dir.js';
import { canonicalGraph } from '../support/canonical-graph.js';

/**
 * The first write through `neo4j-admin database import` (nightly --sink neo4j-import, then
 * npm run neo4j:import on the real local server) builds the same graph as the Bolt sink's first
 * write of scope `full`, and later nights write over Bolt on top of it.
 */
const root = fileURLToPath(new URL('../..', import.meta.url));
let driver: Driver;
let snapshot: string;

/** npm run neo4j:import for the test's server: stops it, imports, starts it, applies the migrations. */
function importIntoLocalServer(folder: string): Promise<{ code: number | null; stderr: string }> {
  const port = new URL(settings.uri.replace(/^bolt/, 'http')).port || '7687';
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['tools/neo4j-local/import.mjs', folder], { cwd: root, env: { ...process.env, NEO4J_PORT: port, NEO4J_PASSWORD: settings.password }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

beforeAll(async () => {
  driver = await requireServer();
  snapshot = await suiteDir('fraud-rings-neo4j-import-');
  await generateSnapshot({ accounts: 2500, seed: 4141, out: snapshot });
});

afterAll(async () => {
  await driver?.close();
});

describe('first write through neo4j-admin import', () => {
  it('builds the graph the Bolt sink writes, and the next night writes over Bolt on top of it, review sync included', async () => {
    // the Bolt sink's first write of scope full, into an empty database
    await wipe(driver);
    // the same config for both first writes (its hash is on the run node)
    const full = join(await suiteDir('fraud-rings-neo4j-import-config-'), 'full.json');
    await writeFile(full, JSON.stringify({ neo4j: { scope: 'full' } }));
    const boltState = await suiteDir('fraud-rings-neo4j-import-bolt-');
    const bolt = await runCli(['nightly', '--input', snapshot, '--out', boltState, '--run-id', 'n1', '--sink', 'neo4j', '--dev-pan-key', '--config', full]);
    expect(bolt.code, bolt.stderr).toBe(0);
    const boltShape = await shape(driver);
    const boltGraph = await canonicalGraph(driver);

    // the same night with the import files, then the import into the (replaced) database
    const state = await suiteDir('fraud-rings-neo4j-import-state-');
    const folder = join(await suiteDir('fraud-rings-neo4j-import-files-'), 'import');
    const night = await runCli(['nightly', '--input', snapshot, '--out', state, '--run-id', 'n1', '--sink', 'neo4j-import', '--import-dir', folder, '--dev-pan-key', '--config', full]);
    expect(night.code, night.stderr).toBe(0);
    expect(night.stdout).toContain('neo4j-admin database import full');
    expect(await readdir(folder)).toContain('import.json');
    await driver.close();
    const imported = await importIntoLocalServer(folder);
    expect(imported.code, imported.stderr).toBe(0);
    driver = await requireServer();

    expect(await shape(driver)).toEqual(boltShape);
    expect(boltShape['Account']).toBe(2500);
    const importGraph = await canonicalGraph(driver);
    expect(importGraph.nodes.length).toBe(boltGraph.nodes.length);
    expect(importGraph.nodes).toEqual(boltGraph.nodes);
    expect(importGraph.relationships).toEqual(boltGraph.relationships);
    // the migrations hold after the import
    const constraints = await rows<{ name: string }>(driver, 'SHOW CONSTRAINTS YIELD name RETURN name');
    expect(constraints.map((c) => c.name)).toEqual(expect.arrayContaining(['account_id', 'identifier_key', 'fraud_cluster_key', 'blacklist_candidate_account', 'pipeline_run_id']));

    // a reviewer approves a candidate in Neo4j Browser; the next night (scope clusters, over Bolt) takes it in
    const candidates = await readCsv(join(state, 'runs', 'n1', 'candidates.csv'));
    const picked = candidates.find((c) => !c.reasons!.includes('IS_KNOWN_FRAUD'))!.account_id!;
    await write(driver, "MATCH (b:BlacklistCandidate {accountId: $id}) SET b.status = 'approved', b.reviewer = 'dana', b.reviewedAt = datetime()", { id: picked });
    const next = await runCli(['nightly', '--input', snapshot, '--out', state, '--run-id', 'n2', '--sink', 'neo4j', '--dev-pan-key']);
    expect(next.code, next.stderr).toBe(0);
    expect((await DecisionLog.read(state)).current.get(picked)).toMatchObject({ decision: 'approve', by: 'dana', source: 'neo4j' });
    const current = await rows<{ run: string; clusters: number; others: number }>(
      driver,
      "MATCH (r:PipelineRun:Current) RETURN r.runId AS run, COUNT { MATCH (c:FraudCluster:Current {runId: 'n2'}) } AS clusters, COUNT { MATCH (c:FraudCluster:Current) WHERE c.runId <> 'n2' } AS others",
    );
    expect(current).toEqual([{ run: 'n2', clusters: expect.any(Number), others: 0 }]);
    expect(current[0]!.clusters).toBeGreaterThan(0);
    const previous = await rows<{ status: string; previous: string }>(driver, "MATCH (r:PipelineRun {runId: 'n2'}) RETURN r.status AS status, r.previousRunId AS previous");
    expect(previous).toEqual([{ status: 'succeeded', previous: 'n1' }]);
    const reviewed = await rows<{ status: string; logStatus: string }>(driver, 'MATCH (b:BlacklistCandidate {accountId: $id}) RETURN b.status AS status, b.logStatus AS logStatus', { id: picked });
    expect(reviewed).toEqual([{ status: 'approved', logStatus: 'approved' }]);
  }, 600_000);
});
