import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import neo4j, { type Driver } from 'neo4j-driver';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nightly } from '../../pipelines/nightly.js';
import { parseConfig } from '../../src/config/config.js';
import { createLogger } from '../../src/log.js';
import { Neo4jSink } from '../../src/sinks/neo4j/neo4j-sink.js';
import { writeRingSnapshot } from '../support/ring-snapshot.js';
import { requireServer, rows, settings, shape, wipe } from '../support/neo4j-test-server.js';

/**
 * The snapshot graph (accounts, identifiers, USES) is the same whichever way the sink writes it:
 * CREATE into an empty database (the first write) or MERGE into one that holds it (every later
 * night), with every property, label and relationship end where the snapshot puts it.
 */
const log = createLogger({ silent: true });
const dirs: string[] = [];
let driver: Driver;
let snapshot: string;
let state: string;

async function temp(prefix: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  dirs.push(dir);
  return dir;
}

async function run(runId: string): Promise<void> {
  // small batches with several in flight, so that batches share identifiers and wait for each other
  const cfg = parseConfig({ neo4j: { scope: 'full', batchSize: 700, concurrency: 4 } });
  await nightly({ input: snapshot, stateDir: state, config: cfg, runId, log, sinks: [new Neo4jSink(settings, cfg.config.neo4j, log)] });
}

/** Every account, identifier and USES relationship with all its properties, as sorted lines. */
async function snapshotGraph(): Promise<{ accounts: string[]; identifiers: string[]; uses: string[] }> {
  const text = (value: unknown): string => JSON.stringify(value, (_, v: unknown) => (neo4j.isInt(v) ? `int ${v.toString()}` : v && typeof v === 'object' && !Array.isArray(v) && v.constructor !== Object ? `${v.constructor.name} ${String(v)}` : v));
  const lines = async (query: string) => (await rows<Record<string, unknown>>(driver, query)).map(text).sort();
  return {
    accounts: await lines('MATCH (a:Account) RETURN properties(a) AS p'),
    identifiers: await lines('MATCH (i:Identifier) RETURN apoc.coll.sort(labels(i)) AS labels, properties(i) AS p'),
    uses: await lines('MATCH (a:Account)-[u:USES]->(i:Identifier) RETURN a.accountId AS a, i.key AS i, properties(u) AS p'),
  };
}

beforeAll(async () => {
  driver = await requireServer();
  await wipe(driver);
  snapshot = await temp('fraud-rings-graph-writes-');
  state = await temp('fraud-rings-graph-writes-state-');
  await writeRingSnapshot(snapshot, { accounts: 2500, seed: 23 });
});

afterAll(async () => {
  await driver?.close();
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

describe('Neo4j snapshot graph', () => {
  let first: Awaited<ReturnType<typeof snapshotGraph>>;

  it('a first write puts every USES relationship between the account and the identifier the snapshot names', async () => {
    await run('g1');
    first = await snapshotGraph();
    expect(first.accounts.length).toBe(2500);
    // IPv4 addresses are their own normal form: each (account, ip) row of the snapshot is one USES, with its times
    const csv = Papa.parse<Record<string, string>>(await readFile(join(snapshot, 'identifiers.csv'), 'utf8'), { header: true, skipEmptyLines: true }).data;
    const ipRows = csv.filter((r) => r.kind === 'ip' && /^\d+\.\d+\.\d+\.\d+$/.test(r.value!));
    expect(ipRows.length).toBeGreaterThan(100);
    const written = await rows<{ a: string; v: string; first: string | null; last: string | null }>(
      driver,
      'MATCH (a:Account)-[u:USES]->(i:IP) RETURN a.accountId AS a, i.value AS v, toString(u.firstSeen) AS first, toString(u.lastSeen) AS last',
    );
    const pair = (a: string, v: string) => `${a} ${v}`;
    const inGraph = new Map(written.map((w) => [pair(w.a, w.v), w]));
    for (const r of ipRows) {
      const w = inGraph.get(pair(r.account_id!, r.value!));
      expect(w, pair(r.account_id!, r.value!)).toBeDefined();
      if (r.first_seen) expect(Date.parse(w!.first!)).toBe(Date.parse(r.first_seen));
      if (r.last_seen) expect(Date.parse(w!.last!)).toBe(Date.parse(r.last_seen));
    }
    expect(new Set(ipRows.map((r) => pair(r.account_id!, r.value!))).size).toBe(written.filter((w) => /^\d+\.\d+\.\d+\.\d+$/.test(w.v)).length);
  });

  it('the next night MERGEs the same graph: nothing added, nothing changed', async () => {
    const before = await shape(driver);
    await run('g2');
    const after = await shape(driver);
    expect(after['Account']).toBe(before['Account']);
    expect(after['-[:USES]-']).toBe(before['-[:USES]-']);
    expect(await snapshotGraph()).toEqual(first);
  });
});
