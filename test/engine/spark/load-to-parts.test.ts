import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { asyncBufferFromFile, parquetReadObjects } from 'hyparquet';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { availability } from '../../../src/detect/model-terms.js';
import { identifierIdKey, identifierIds } from '../../../src/engine/spark/identifier-ids.js';
import { loadToParts } from '../../../src/engine/spark/load-to-parts.js';
import { PART_ROWS, writeParts, type PartFolders } from '../../../src/engine/spark/write-parts.js';
import { generateSnapshot } from '../../../src/generate/generate-snapshot.js';
import { configuredNormaliser } from '../../../src/normalise/configured-normaliser.js';
import { defaultPlaceholders } from '../../../src/normalise/normalise-identifier.js';
import { loadSnapshot, type LoadOptions } from '../../../src/snapshot/load-snapshot.js';
import { RejectsFile } from '../../../src/snapshot/rejects.js';
import { snapshotCounts } from '../../../src/snapshot/snapshot-counts.js';
import { folderWith, tempDir } from '../../support/temp-dir.js';

const PAN_KEY = 'a card hashing key of some length';
const run = configuredNormaliser({ placeholders: defaultPlaceholders, defaultCountryCode: '44', panHashKeyEnv: 'UNUSED' }, { key: PAN_KEY, fingerprint: 'f', development: true });

type Row = Record<string, unknown>;

async function rowsOf(folder: string): Promise<Row[]> {
  const rows: Row[] = [];
  for (const part of (await readdir(folder)).sort()) rows.push(...(await parquetReadObjects({ file: await asyncBufferFromFile(join(folder, part)) })));
  return rows;
}

const byKey = (key: string) => (a: Row, b: Row) => (a[key]! < b[key]! ? -1 : a[key]! > b[key]! ? 1 : 0);

/** Every part decoded: links by row, accounts by key, transactions by row, values distinct and sorted. */
async function decoded(parts: PartFolders) {
  const values = new Map<string, Row>();
  for (const r of await rowsOf(parts.identifierValues)) values.set(`${String(r.identifier)}\0${String(r.kind)}\0${String(r.value)}`, r);
  return {
    links: (await rowsOf(parts.links)).sort(byKey('row')),
    accounts: (await rowsOf(parts.accounts)).sort(byKey('account')),
    transactions: (await rowsOf(parts.transactions)).sort(byKey('row')),
    values: [...values.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, r]) => r),
    kinds: JSON.parse(await readFile(parts.kinds, 'utf8')) as string[],
  };
}

function options(rejects: RejectsFile, ahead: boolean): LoadOptions {
  return {
    normalise: run.normalise,
    tokeniseCardNumbers: run.tokeniseCardNumbers,
    rejects,
    maxRejectShare: 0.05,
    ...(ahead ? { normaliseAhead: { options: { placeholders: defaultPlaceholders, panHashKey: PAN_KEY, defaultCountryCode: '44' }, minBytes: 0, tokenisesCardNumbers: true } } : {}),
  };
}

/** The snapshot loaded both ways: whole (loadSnapshot + writeParts) and streamed (loadToParts). */
async function bothWays(dir: string, ahead = false, partRows = PART_ROWS) {
  const out = await tempDir();
  const wholeRejects = new RejectsFile(join(out, 'whole-rejects.csv'));
  const snapshot = await loadSnapshot(dir, options(wholeRejects, ahead)).finally(() => wholeRejects.close());
  const ids = identifierIds(snapshot, identifierIdKey(PAN_KEY));
  const whole = await writeParts(snapshot, ids, join(out, 'whole'));
  const streamRejects = new RejectsFile(join(out, 'stream-rejects.csv'));
  const streamed = await loadToParts(dir, options(streamRejects, ahead), identifierIdKey(PAN_KEY), join(out, 'streamed'), partRows).finally(() => streamRejects.close());
  return {
    snapshot,
    ids,
    streamed,
    whole: await decoded(whole),
    stream: await decoded(streamed.parts),
    rejects: { whole: await readFile(join(out, 'whole-rejects.csv'), 'utf8'), stream: await readFile(join(out, 'stream-rejects.csv'), 'utf8') },
  };
}

async function expectSameLoad(dir: string, ahead = false, partRows = PART_ROWS) {
  const both = await bothWays(dir, ahead, partRows);
  const { snapshot, streamed } = both;
  expect(both.stream.kinds).toEqual(both.whole.kinds);
  expect(both.stream.links.length).toBe(snapshot.links.account.length);
  expect(both.stream.links).toEqual(both.whole.links);
  expect(both.stream.accounts).toEqual(both.whole.accounts);
  expect(both.stream.transactions).toEqual(both.whole.transactions);
  expect(both.stream.values).toEqual(both.whole.values);
  expect(both.stream.values.length).toBe(snapshot.identifiers.values.length);
  expect(both.rejects.stream).toBe(both.rejects.whole);
  // the distinct identifiers are the Spark job's count (test/integration/spark-load-to-parts.test.ts)
  const { identifiers: _identifiers, ...counts } = snapshotCounts(snapshot);
  expect(streamed.counts).toEqual(counts);
  expect(streamed.tables).toEqual(snapshot.tables);
  expect(streamed.kinds).toEqual(snapshot.identifiers.kinds);
  expect(streamed.placeholderRows).toBe(snapshot.placeholderRows);
  expect(streamed.accounts.ids).toEqual(snapshot.accounts.ids);
  expect(Array.from(streamed.accounts.label)).toEqual(Array.from(snapshot.accounts.label));
  expect(streamed.available).toEqual(availability(snapshot));
  // the local interning numbers identifiers in the order of the first link that names each: so
  // does the smallest row of each id in the streamed links
  const firstRow = new Map<bigint, bigint>();
  for (const link of both.stream.links) if (!firstRow.has(link.identifier as bigint)) firstRow.set(link.identifier as bigint, link.row as bigint);
  expect([...firstRow.keys()]).toEqual(Array.from(both.ids.ids));
  return both;
}

describe('loadToParts', () => {
  it('writes the parts writeParts writes from the whole snapshot, on the committed sample', async () => {
    const both = await expectSameLoad(join(import.meta.dirname, '../../../data-samples/sample'));
    expect(both.stream.links.length).toBeGreaterThan(0);
    expect(both.stream.transactions.length).toBeGreaterThan(0);
  });

  it('writes the same parts on a generated 20k world, across several parts, with the normaliser worker', { timeout: 240_000 }, async () => {
    const dir = await tempDir();
    await generateSnapshot({ accounts: 20_000, seed: 5, out: dir });
    // parts of 10,000 rows: the row numbers run on across parts, values repeat across them
    const both = await expectSameLoad(dir, true, 10_000);
    expect(both.stream.links.length).toBeGreaterThan(50_000);
    expect((await readdir(both.streamed.parts.links)).length).toBe(Math.ceil(both.stream.links.length / 10_000));
    expect((await rowsOf(both.streamed.parts.identifierValues)).length).toBeGreaterThan(both.stream.values.length);
  });

  it('rejects the same rows with the same reasons, and stops with the same error on too many', async () => {
    const accounts = [
      'account_id,created_at,country',
      'A1,2024-01-01T00:00:00Z,GB',
      'A2,2024-01-02,FR',
      'A1,2024-01-03,DE', // a duplicate
      ',2024-01-03,DE', // no id
      'A3,yesterday,DE', // a bad time
      'A4,,',
      '4111111111111111,2024-02-02,GB', // a card number as an id
      ...Array.from({ length: 60 }, (_, i) => `B${i},2024-03-0${(i % 9) + 1},GB`),
    ];
    const identifiers = [
      'account_id,kind,value,first_seen,last_seen',
      'A1,device,D-1,,',
      'A2,Device,d-1,2024-01-01T00:00:00Z,',
      'A2,email,Someone@Example.com,,',
      'A9,email,nobody@example.com,,', // an unknown account
      'A4,phone,N/A,,', // a placeholder
      'A4,not a kind!,x,,',
      'A4,payment_instrument,4111 1111 1111 1111,,',
      '4111111111111111,email,card@example.com,,',
      'A1,ip,10.0.0.1,then,',
      'A1,"device","a ""quoted"" tablet,\nstill it",,',
      ...Array.from({ length: 60 }, (_, i) => `B${i},${['device', 'phone', 'email', 'address'][i % 4]},v${i % 7}@x +44 7700 900${i % 10}${i % 3},,`),
    ];
    const transactions = [
      'transaction_id,account_id,counterparty_id,amount,currency,created_at,status',
      'T1,A1,A2,10.5,EUR,2024-01-03T00:00:00Z,chargeback',
      'T2,A2,,3,EUR,,settled',
      'T3,A2,A1,lots,EUR,,settled', // a bad amount
      'T4,A9,A1,1,EUR,,settled', // an unknown sender
      'T5,B1,ZZ,7,EUR,,Refunded',
      ...Array.from({ length: 40 }, (_, i) => `U${i},B${i},B${i + 1},${i}.25,EUR,2024-04-01,settled`),
    ];
    const dir = await folderWith({
      'accounts.csv': `${accounts.join('\n')}\n`,
      'identifiers.csv': `${identifiers.join('\n')}\n`,
      'labels.csv': 'account_id,label,source,labeled_at\nA1,fraud,manual,2024-02-01\nA2,legit,manual,\nA9,fraud,manual,\n',
      'transactions.csv': `${transactions.join('\n')}\n`,
    });
    // every table within its 5 % … except accounts and identifiers, which are over it
    const out = await tempDir();
    const tries = await Promise.allSettled([
      (async () => {
        const r = new RejectsFile(join(out, 'a.csv'));
        return loadSnapshot(dir, options(r, false)).finally(() => r.close());
      })(),
      (async () => {
        const r = new RejectsFile(join(out, 'b.csv'));
        return loadToParts(dir, options(r, false), identifierIdKey(PAN_KEY), join(out, 'parts')).finally(() => r.close());
      })(),
    ]);
    expect(tries.map((t) => t.status)).toEqual(['rejected', 'rejected']);
    const [a, b] = tries as PromiseRejectedResult[];
    expect((b!.reason as Error).message).toBe((a!.reason as Error).message);
    expect((a!.reason as Error).message).toMatch(/too many rejected rows/);
    expect(await readFile(join(out, 'b.csv'), 'utf8')).toBe(await readFile(join(out, 'a.csv'), 'utf8'));

    // under a looser rule the load goes through: the same parts, the same rejects
    const loose = await folderWith({
      'accounts.csv': `${[...accounts, ...Array.from({ length: 200 }, (_, i) => `C${i},,`)].join('\n')}\n`,
      'identifiers.csv': `${[...identifiers, ...Array.from({ length: 400 }, (_, i) => `C${i % 200},device,c${i % 37},,`)].join('\n')}\n`,
      'labels.csv': 'account_id,label,source,labeled_at\nA1,fraud,manual,2024-02-01\nA2,legit,manual,\n',
      'transactions.csv': `${transactions.join('\n')}\n`,
    });
    const both = await expectSameLoad(loose);
    expect(both.rejects.whole.split('\n').length).toBeGreaterThan(8);

    // the same identifiers and transactions as NDJSON: the record path of every reader
    const records = (csv: string[]) => {
      const [header, ...rows] = Papa.parse<string[]>(`${csv.join('\n')}\n`, { skipEmptyLines: true }).data;
      return `${rows.map((r) => JSON.stringify(Object.fromEntries(header!.map((c, i) => [c, r[i] ?? ''])))).join('\n')}\n`;
    };
    const ndjson = await folderWith({
      'accounts.csv': `${[...accounts, ...Array.from({ length: 200 }, (_, i) => `C${i},,`)].join('\n')}\n`,
      'identifiers.ndjson': records([...identifiers, ...Array.from({ length: 400 }, (_, i) => `C${i % 200},device,c${i % 37},,`)]),
      'transactions.ndjson': records(transactions),
    });
    const fromRecords = await expectSameLoad(ndjson);
    expect(fromRecords.stream.links.length).toBeGreaterThan(400);
  });
});
