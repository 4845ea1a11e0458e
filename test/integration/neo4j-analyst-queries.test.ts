import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Driver } from 'neo4j-driver';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nightly } from '../../pipelines/nightly.js';
import { parseConfig } from '../../src/config/config.js';
import { createLogger } from '../../src/log.js';
import { Neo4jSink } from '../../src/sinks/neo4j/neo4j-sink.js';
import { defaultQueriesDir } from '../../src/sinks/neo4j/query-files.js';
import { writeRingSnapshot } from '../support/ring-snapshot.js';
import { requireServer, rows, settings, wipe } from '../support/neo4j-test-server.js';

/**
 * The analyst queries, as pasted into Neo4j Browser, against two real runs: the second run's
 * snapshot is the first one plus more accounts, so it continues some rings and finds new ones.
 */
const log = createLogger({ silent: true });
const dirs: string[] = [];
let driver: Driver;
let runPath: string;

async function temp(prefix: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  dirs.push(dir);
  return dir;
}

async function csv(file: string): Promise<Record<string, string>[]> {
  return Papa.parse<Record<string, string>>(await readFile(join(runPath, file), 'utf8'), { header: true, skipEmptyLines: true }).data;
}

async function analyst(name: string, params: Record<string, unknown> = {}) {
  const text = await readFile(join(defaultQueriesDir(), 'analyst', `${name}.cypher`), 'utf8');
  // what Browser does with :param lines in the header: the query uses exactly those parameters
  const declared = [...text.matchAll(/^\/\/ :param (\w+) =>/gm)].map((m) => m[1]);
  expect(Object.keys(params).sort(), `${name}: parameters`).toEqual(declared.sort());
  return rows<Record<string, any>>(driver, text, params);
}

beforeAll(async () => {
  driver = await requireServer();
  await wipe(driver);
  const state = await temp('fraud-rings-state-');
  const config = parseConfig({ neo4j: { scope: 'clusters' } });
  for (const [runId, accounts] of [['a1', 2000], ['a2', 2600]] as const) {
    const snapshot = await temp('fraud-rings-snapshot-');
    await writeRingSnapshot(snapshot, { accounts, seed: 5 });
    const result = await nightly({ input: snapshot, stateDir: state, config, runId, log, sinks: [new Neo4jSink(settings, config.config.neo4j, log)] });
    runPath = result.runPath;
  }
});

afterAll(async () => {
  await driver?.close();
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

describe('analyst queries', () => {
  it('runs: newest first, the latest is current', async () => {
    const runs = await analyst('runs');
    expect(runs.map((r) => [r.run, r.status, r.current])).toEqual([
      ['a2', 'succeeded', true],
      ['a1', 'succeeded', false],
    ]);
  });

  it('top clusters: the latest run, strongest first', async () => {
    const clusters = await csv('clusters.csv');
    const top = await analyst('top-clusters');
    expect(top.length).toBe(Math.min(25, clusters.length));
    expect(new Set(top.map((r) => r.run))).toEqual(new Set(['a2']));
    const scores = top.map((r) => r.score as number);
    expect(scores).toEqual([...scores].sort((x, y) => y - x));
    expect(Math.max(...clusters.map((c) => Number(c.score)))).toBe(scores[0]);
  });

  it('new clusters: exactly those lineage calls new', async () => {
    const lineage = await csv('lineage.csv');
    const expected = lineage.filter((l) => l.event === 'new').map((l) => l.cluster_id).sort();
    expect(expected.length).toBeGreaterThan(0);
    expect(expected.length).toBeLessThan(lineage.length);
    const found = await analyst('new-clusters');
    expect(found.map((r) => r.cluster).sort()).toEqual(expected);
    expect(new Set(found.map((r) => r.previousRun))).toEqual(new Set(['a1']));
  });

  it('changed clusters: exactly those lineage calls grown, shrunk, merged or split', async () => {
    const lineage = await csv('lineage.csv');
    const expected = lineage.filter((l) => ['grown', 'shrunk', 'merged', 'split'].includes(l.event!)).map((l) => `${l.event} ${l.cluster_id}`).sort();
    const found = await analyst('changed-clusters');
    expect(found.map((r) => `${r.change} ${r.cluster}`).sort()).toEqual(expected);
    for (const row of found) expect((row.previously as string[]).length).toBeGreaterThan(0);
  });

  it('one cluster: its members and the identifiers they share', async () => {
    const [top] = await csv('clusters.csv');
    const members = (await csv('members.csv')).filter((m) => m.cluster_id === top!.cluster_id).map((m) => m.account_id);
    const [result] = await analyst('cluster', { clusterId: top!.cluster_id });
    expect(result!.members.map((a: { properties: { accountId: string } }) => a.properties.accountId).sort()).toEqual(members.sort());
    const sharedKeys = result!.shared.map((i: { properties: { key: string } }) => i.properties.key);
    expect(sharedKeys).toEqual(expect.arrayContaining(result!.cluster.properties.sharedIdentifierKeys));
    expect(result!.links.length).toBeGreaterThan(members.length);
  });

  it('why flagged: reasons, cluster and a path to a known fraud account', async () => {
    const candidates = await csv('candidates.csv');
    const fraud = new Set((await rows<{ a: string }>(driver, "MATCH (a:Account {label: 'fraud'}) RETURN a.accountId AS a")).map((r) => r.a));
    const candidate = candidates.find((c) => c.reasons.split(';').includes('KNOWN_FRAUD') && !fraud.has(c.account_id))!;
    expect(candidate).toBeDefined();
    const [why] = await analyst('why-flagged', { accountId: candidate.account_id });
    expect(why).toMatchObject({ reviewStatus: 'pending', flaggedByLatestRun: true, candidateScore: Number(candidate.score) });
    expect(why!.cluster.properties.clusterId).toBe(candidate.cluster_id);
    expect(why!.sharedIdentifiers.length).toBeGreaterThan(0);
    expect(why!.pathsToKnownFraud.length).toBeGreaterThan(0);
    const end = why!.pathsToKnownFraud[0].end.properties;
    expect(fraud.has(end.accountId)).toBe(true);
  });

  it('hubs: biggest first, with their snapshot-wide account counts', async () => {
    const hubs = new Map((await csv('hubs.csv')).map((h) => [`${h.kind}:${h.value}`, Number(h.account_count)]));
    const found = await analyst('hubs');
    // scope clusters writes the hubs the clusters' accounts use (all of them, with scope full)
    expect(found.length).toBeGreaterThan(0);
    expect(found.length).toBeLessThanOrEqual(hubs.size);
    for (const hub of found) expect(hub.accounts).toBe(hubs.get(`${hub.kind}:${hub.value}`));
    expect(found.map((h) => h.accounts)).toEqual(found.map((h) => h.accounts).sort((x: number, y: number) => y - x));
    expect(found[0]!.clusterMembersUsingIt).toBeGreaterThan(0);
  });

  it('pending candidates: the review queue of the latest run', async () => {
    const candidates = await csv('candidates.csv');
    const queue = await analyst('pending-candidates');
    expect(queue.length).toBe(Math.min(100, candidates.length));
    expect(queue[0]!.score).toBe(Math.max(...candidates.map((c) => Number(c.score))));
  });
});
