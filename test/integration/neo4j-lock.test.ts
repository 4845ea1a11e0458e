import { spawnSync } from 'node:child_process';
import { hostname } from 'node:os';
import type { Driver } from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateSnapshot } from '../../src/generate/generate-snapshot.js';
import { count, requireServer, wipe, write } from '../support/neo4j-test-server.js';
import { messages, runCli } from '../support/run-cli.js';
import { suiteDir } from '../support/temp-dir.js';

/** One nightly run per Neo4j database, even from two different state folders. */
let driver: Driver;
let input: string;

beforeAll(async () => {
  driver = await requireServer();
  await wipe(driver);
  input = await suiteDir('fraud-rings-neo4j-lock-');
  await generateSnapshot({ accounts: 1000, seed: 3131, out: input });
});

afterAll(async () => {
  await driver?.close();
});

const hold = (runId: string, host: string, pid: number, expires: string) =>
  write(driver, "MERGE (l:PipelineLock {name: 'nightly'}) SET l.runId = $runId, l.host = $host, l.pid = $pid, l.since = datetime(), l.expiresAt = datetime() + duration($expires)", { runId, host, pid, expires });

describe('the Neo4j database lock', () => {
  it('refuses a second run while another holds it, and takes over expired or dead holders', async () => {
    // first a successful run, so the schema exists; it leaves the lock free
    expect((await runCli(['nightly', '--input', input, '--out', await suiteDir(), '--run-id', 'first', '--sink', 'neo4j'])).code).toBe(0);
    expect(await count(driver, "MATCH (l:PipelineLock {name: 'nightly'}) WHERE l.runId IS NULL RETURN count(l) AS n")).toBe(1);

    // a live run elsewhere (this test process) holds it: a run from another state folder exits 4
    await hold('busy', hostname(), process.pid, 'PT1H');
    const refused = await runCli(['nightly', '--input', input, '--out', await suiteDir(), '--run-id', 'second', '--sink', 'neo4j']);
    expect(refused.code).toBe(4);
    expect(messages(refused.stderr)).toEqual([expect.stringMatching(/another nightly run holds the lock on Neo4j database \w+: run busy, pid \d+ on /)]);

    // a holder on another host whose lock expired, and a dead process on this host, are taken over
    await hold('expired', 'elsewhere', 1, '-PT1M');
    expect((await runCli(['nightly', '--input', input, '--out', await suiteDir(), '--run-id', 'third', '--sink', 'neo4j'])).code).toBe(0);
    const gone = spawnSync(process.execPath, ['-e', 'process.exit(0)']).pid!;
    await hold('killed', hostname(), gone, 'PT1H');
    expect((await runCli(['nightly', '--input', input, '--out', await suiteDir(), '--run-id', 'fourth', '--sink', 'neo4j'])).code).toBe(0);
    expect(await count(driver, "MATCH (l:PipelineLock {name: 'nightly'}) WHERE l.runId IS NULL RETURN count(l) AS n")).toBe(1);
  });
});
