import { cp, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Driver } from 'neo4j-driver';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nightly } from '../../pipelines/nightly.js';
import { parseConfig } from '../../src/config/config.js';
import { generateSnapshot } from '../../src/generate/generate-snapshot.js';
import { createLogger } from '../../src/log.js';
import { Neo4jSink } from '../../src/sinks/neo4j/neo4j-sink.js';
import { canonicalGraph } from '../support/canonical-graph.js';
import { requireServer, settings, wipe, write } from '../support/neo4j-test-server.js';
import { suiteDir } from '../support/temp-dir.js';

/**
 * The nightly rewrite of scope `clusters` sends only the accounts and identifiers whose content
 * changed since what Neo4j holds (their rowHash), and ends with the graph a rewrite of every row
 * gives: on an unchanged night and on a night where a ring is removed and another added.
 */
const log = createLogger({ silent: true });
const config = parseConfig({ neo4j: { scope: 'clusters' } });
let driver: Driver;
let unchanged: string;
let changed: string;

async function night(snapshot: string, state: string, runId: string): Promise<Record<string, number>> {
  const result = await nightly({ input: snapshot, stateDir: state, config, runId, log, allowDevelopmentPanKey: true, sinks: [new Neo4jSink(settings, config.config.neo4j, log)] });
  return result.manifest.counts;
}

/** c1 on `first`, then c2 on `second`: with the stored hashes, or with every row sent again. */
async function twoNights(first: string, second: string, rewriteEverything: boolean): Promise<{ counts: Record<string, number>; graph: Awaited<ReturnType<typeof canonicalGraph>> }> {
  await wipe(driver);
  const state = await suiteDir('fraud-rings-changed-rows-state-');
  await night(first, state, 'c1');
  if (rewriteEverything) await write(driver, 'MATCH (n) WHERE n.rowHash IS NOT NULL REMOVE n.rowHash');
  const counts = await night(second, state, 'c2');
  // rowHash is left out: the full rewrite removed it from nodes c2's scope does not reach
  return { counts, graph: await canonicalGraph(driver, ['rowHash']) };
}

beforeAll(async () => {
  driver = await requireServer();
  unchanged = await suiteDir('fraud-rings-changed-rows-');
  await generateSnapshot({ accounts: 2500, seed: 5151, out: unchanged });

  // the same snapshot with one planted ring gone (its members' identifier rows dropped) and a new
  // one of five accounts sharing two devices and a card
  changed = await suiteDir('fraud-rings-changed-rows-b-');
  await cp(unchanged, changed, { recursive: true });
  const truth = Papa.parse<Record<string, string>>(await readFile(join(unchanged, 'truth.csv'), 'utf8'), { header: true, skipEmptyLines: true }).data;
  const ring = truth.find((t) => t.ring_id)!.ring_id!;
  const gone = new Set(truth.filter((t) => t.ring_id === ring).map((t) => t.account_id!));
  const joining = truth.filter((t) => !t.ring_id).slice(100, 105).map((t) => t.account_id!);
  const lines = (await readFile(join(unchanged, 'identifiers.csv'), 'utf8')).split('\n').filter((l) => l !== '');
  const kept = lines.filter((l, n) => n === 0 || !gone.has(l.slice(0, l.indexOf(','))));
  const added = joining.flatMap((a) => [
    `${a},device,0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f1,2024-05-01T00:00:00Z,2024-06-01T00:00:00Z`,
    `${a},device,1f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f2,2024-05-01T00:00:00Z,2024-06-01T00:00:00Z`,
    `${a},email,ring-added-${a}@example.org,2024-05-01T00:00:00Z,2024-06-01T00:00:00Z`,
  ]);
  expect(kept.length).toBeLessThan(lines.length);
  await writeFile(join(changed, 'identifiers.csv'), [...kept, ...added].join('\n') + '\n');
}, 120_000);

afterAll(async () => {
  await driver?.close();
});

describe('the nightly rewrite of scope clusters', () => {
  it('sends nothing of the graph on an unchanged night, and ends as a rewrite of every row does', async () => {
    const sent = await twoNights(unchanged, unchanged, false);
    expect(sent.counts['neo4j.identifiers']).toBe(0);
    expect(sent.counts['neo4j.accounts']).toBe(0);
    expect(sent.counts['neo4j.uses']).toBe(0);
    expect(sent.counts['neo4j.dropUnseenUses']).toBe(0);
    expect(sent.counts['neo4j.accountsUnchanged']).toBeGreaterThan(100);
    expect(sent.counts['neo4j.identifiersUnchanged']).toBeGreaterThan(100);
    const everything = await twoNights(unchanged, unchanged, true);
    expect(everything.counts['neo4j.accounts']).toBe(sent.counts['neo4j.accountsUnchanged']);
    expect(sent.graph.nodes).toEqual(everything.graph.nodes);
    expect(sent.graph.relationships).toEqual(everything.graph.relationships);
  }, 600_000);

  it('sends the changed rows when a ring is removed and another added, and ends as a rewrite of every row does', async () => {
    const sent = await twoNights(unchanged, changed, false);
    expect(sent.counts['neo4j.accounts']).toBeGreaterThan(0);
    expect(sent.counts['neo4j.accounts']).toBeLessThan(sent.counts['neo4j.accountsUnchanged']!);
    expect(sent.counts['neo4j.identifiers']).toBeGreaterThan(0);
    const everything = await twoNights(unchanged, changed, true);
    expect(sent.graph.nodes).toEqual(everything.graph.nodes);
    expect(sent.graph.relationships).toEqual(everything.graph.relationships);
  }, 600_000);
});
