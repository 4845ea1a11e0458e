import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Driver } from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireServer, rows } from '../support/neo4j-test-server.js';
import { writeRingSnapshot } from '../support/ring-snapshot.js';
import { copySnapshot, readCsv } from '../support/snapshot-files.js';
import { tempDir } from '../support/temp-dir.js';
import { clear, neo4jNight } from './support/night.js';

/** Neo4j shows tonight's graph: identifier rows the snapshot dropped leave no USES link behind. */
let driver: Driver;

beforeAll(async () => {
  driver = await requireServer();
});

afterAll(async () => {
  await driver?.close();
});

/** Every USES link of the current clusters' members: what cluster.cypher and why-flagged.cypher read. */
const memberLinks = (d: Driver) =>
  rows<{ account: string; key: string }>(d, 'MATCH (a:Account)-[:MEMBER_OF]->(:FraudCluster:Current) MATCH (a)-[:USES]->(i:Identifier) RETURN DISTINCT a.accountId AS account, i.key AS key ORDER BY account, key');

describe('a night on a snapshot with identifier rows dropped', () => {
  it('leaves the current members exactly the links a fresh load gives, and no identifier without a link', async () => {
    const night1 = await tempDir();
    await writeRingSnapshot(night1, { accounts: 1500, seed: 8 });
    const night2 = await tempDir();
    await copySnapshot(night1, night2);
    const text = await readFile(join(night2, 'identifiers.csv'), 'utf8');
    const [header, ...lines] = text.trimEnd().split('\n');
    const kept = lines.filter((_, i) => i % 25 !== 7); // 4 % of the rows dropped
    await writeFile(join(night2, 'identifiers.csv'), `${[header, ...kept].join('\n')}\n`);

    await clear(driver);
    const state = await tempDir();
    await neo4jNight(night1, state, 'd1');
    await neo4jNight(night2, state, 'd2');
    const afterTwoNights = await memberLinks(driver);

    // the dropped rows do touch tonight's members, so the comparison below means something
    const members = new Set((await readCsv(join(state, 'runs', 'd2', 'members.csv'))).map((m) => m.account_id));
    const droppedAccounts = lines.filter((_, i) => i % 25 === 7).map((line) => line.split(',')[0]!);
    expect(droppedAccounts.filter((a) => members.has(a)).length).toBeGreaterThan(3);

    await clear(driver);
    await neo4jNight(night2, await tempDir(), 'd2');
    const fresh = await memberLinks(driver);
    expect(afterTwoNights.length).toBe(fresh.length);
    expect(afterTwoNights).toEqual(fresh);
  });

  it('removes an identifier no account uses any more', async () => {
    const night1 = await tempDir();
    await writeRingSnapshot(night1, { accounts: 600, seed: 8 });
    await clear(driver);
    const state = await tempDir();
    await neo4jNight(night1, state, 'e1');
    // a ring member's device row disappears from the snapshot, and with it the only use of the device
    const [member] = (await readCsv(join(state, 'runs', 'e1', 'members.csv'))).map((m) => m.account_id!);
    await writeFile(join(night1, 'identifiers.csv'), `${(await readFile(join(night1, 'identifiers.csv'), 'utf8')).trimEnd()}\n${member},device,only-tonight-device-1,,\n`);
    await neo4jNight(night1, state, 'e2');
    const device = "MATCH (i:Identifier:Device) WHERE i.value CONTAINS 'only-tonight' RETURN count(i) AS n";
    expect(await rows(driver, device)).toEqual([{ n: 1 }]);
    const text = await readFile(join(night1, 'identifiers.csv'), 'utf8');
    await writeFile(join(night1, 'identifiers.csv'), text.replace(`${member},device,only-tonight-device-1,,\n`, ''));
    await neo4jNight(night1, state, 'e3');
    expect(await rows(driver, device)).toEqual([{ n: 0 }]);
    expect(await rows(driver, 'MATCH (i:Identifier) WHERE NOT EXISTS { (i)<-[:USES]-() } RETURN count(i) AS n')).toEqual([{ n: 0 }]);
  });
});
