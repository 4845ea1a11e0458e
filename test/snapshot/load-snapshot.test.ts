import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { tableFromArrays, tableToIPC } from 'apache-arrow';
import { parquetWriteBuffer } from 'hyparquet-writer';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { createNormaliser, defaultPlaceholders } from '../../src/normalise/normalise-identifier.js';
import { loadSnapshot } from '../../src/snapshot/load-snapshot.js';
import { RejectsFile } from '../../src/snapshot/rejects.js';
import { identifierValues } from '../support/make-snapshot.js';
import { folderWith, tempDir } from '../support/temp-dir.js';

const normalise = createNormaliser({ placeholders: defaultPlaceholders, panHashKey: 'test-key', defaultCountryCode: '44' });

async function load(dir: string, maxRejectShare = 1) {
  const out = await tempDir();
  const rejects = new RejectsFile(join(out, 'rejects.csv'));
  let error: unknown = null;
  let snapshot = null;
  try {
    snapshot = await loadSnapshot(dir, { normalise, rejects, maxRejectShare });
  } catch (err) {
    error = err;
  } finally {
    await rejects.close();
  }
  const rejected = Papa.parse<string[]>(await readFile(join(out, 'rejects.csv'), 'utf8'), { skipEmptyLines: true }).data;
  return { snapshot, error, rejected };
}

const accounts = 'account_id,created_at,country\nA1,2024-01-01T00:00:00Z,GB\nA2,2024-01-02,FR\nA3,,DE\n';

describe('loadSnapshot', () => {
  it('reads CSV with a BOM and CRLF line ends, keeps extra account columns and interns identifiers', async () => {
    const dir = await folderWith({
      'accounts.csv': `\uFEFF${accounts.replace(/\n/g, '\r\n')}`,
      'identifiers.csv': 'account_id,kind,value,first_seen,last_seen\r\nA1,device,D-1,,\r\nA2,Device,d-1,2024-01-01T00:00:00Z,\r\nA3,email,Someone@Example.com,,\r\n',
      'labels.csv': 'account_id,label,source,labeled_at\nA1,fraud,manual,2024-02-01\nA2,legit,manual,\n',
      'transactions.csv': 'transaction_id,account_id,counterparty_id,amount,currency,created_at,status\nT1,A1,A2,10.5,EUR,2024-01-03T00:00:00Z,chargeback\nT2,A2,,3,EUR,,settled\n',
    });
    const { snapshot, error, rejected } = await load(dir);
    expect(error).toBeNull();
    expect(rejected).toEqual([['table', 'line', 'reason', 'raw']]);
    expect(snapshot!.accounts.ids).toEqual(['A1', 'A2', 'A3']);
    expect(snapshot!.accounts.properties.get('country')).toEqual(['GB', 'FR', 'DE']);
    expect(Number.isNaN(snapshot!.accounts.createdAt[2]!)).toBe(true);
    expect(Array.from(snapshot!.accounts.label)).toEqual([1, -1, 0]);
    // D-1 and d-1 are the same device after normalisation: one identifier, two links
    expect(snapshot!.identifiers.values.length).toBe(2);
    expect(Array.from(snapshot!.links.identifier)).toEqual([0, 0, 1]);
    expect(snapshot!.transactions.account.length).toBe(2);
    expect(Array.from(snapshot!.transactions.counterparty)).toEqual([1, -1]);
    expect(snapshot!.tables.map((t) => [t.table, t.rowsRead, t.rowsAccepted, t.rowsRejected])).toEqual([
      ['accounts', 3, 3, 0],
      ['labels', 2, 2, 0],
      ['identifiers', 3, 3, 0],
      ['transactions', 2, 2, 0],
    ]);
    expect(snapshot!.tables[0]!.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('rejects each bad row with its physical line and a reason, and keeps the good rows', async () => {
    const dir = await folderWith({
      'accounts.csv': `${accounts}A1,2024-01-01,GB\nA4,yesterday,GB\n,2024-01-01,GB\n`,
      'identifiers.csv': [
        'account_id,kind,value,first_seen,last_seen',
        'A1,device,"multi',
        'line value",,',
        'A9,device,d9,,',
        'A1,Not A Kind,x,,',
        'A1,device,d1',
        'A2,device,d2,2024-13-45,',
        'A3,device,d3,,',
      ].join('\n'),
      'labels.csv': 'account_id,label\nA1,maybe\n',
      'transactions.csv': 'transaction_id,account_id,amount\nT1,A1,ten\n',
    });
    const { snapshot, error, rejected } = await load(dir);
    expect(error).toBeNull();
    const rows = rejected.slice(1).map(([table, line, reason]) => [table, line, reason]);
    expect(rows).toEqual([
      ['accounts', '5', 'duplicate account_id "A1"'],
      ['accounts', '6', expect.stringContaining('created_at: not an ISO 8601 timestamp')],
      ['accounts', '7', 'account_id: account_id is empty'],
      ['labels', '2', 'label: label must be fraud or legit'],
      ['identifiers', '4', 'account_id "A9" is not in accounts'],
      ['identifiers', '5', expect.stringContaining('kind: kind must be a lowercase token')],
      ['identifiers', '6', 'expected 5 fields, found 3'],
      ['identifiers', '7', expect.stringContaining('first_seen: not an ISO 8601 timestamp')],
      ['transactions', '2', expect.stringContaining('amount: amount is not a number')],
    ]);
    // the raw column keeps the row as it was, so nothing is lost
    expect(rejected[5]![3]).toBe('A9,device,d9,,');
    expect(snapshot!.accounts.ids).toEqual(['A1', 'A2', 'A3']);
    expect(snapshot!.links.account.length).toBe(2); // the multi-line value and d3
  });

  it('never writes a raw card number into rejects.csv', async () => {
    const dir = await folderWith({
      'accounts.csv': accounts,
      'identifiers.csv': 'account_id,kind,value,first_seen,last_seen\nA404,payment_instrument,4111 1111 1111 1111,,\n',
    });
    const { rejected } = await load(dir);
    expect(rejected).toHaveLength(2);
    expect(rejected[1]!.join(',')).not.toMatch(/4111/);
    expect(rejected[1]![3]).toContain('[card number removed]');
  });

  it('passes hostile values through as data: quotes, Cypher, 10 KB values, invalid UTF-8', async () => {
    const big = 'x'.repeat(10_240);
    const hostile = `'}) DETACH DELETE n //`;
    const header = Buffer.from('account_id,kind,value,first_seen,last_seen\n');
    const lines = Buffer.from(`A1,device,"${hostile.replace(/"/g, '""')}",,\nA2,device,"${hostile}",,\nA1,note,"he said ""hi""",,\nA3,device,${big},,\n`);
    const invalidUtf8 = Buffer.concat([Buffer.from('A2,email,bad'), Buffer.from([0xff, 0xfe]), Buffer.from('@x.com,,\n')]);
    const dir = await folderWith({ 'accounts.csv': accounts, 'identifiers.csv': Buffer.concat([header, lines, invalidUtf8]) });
    const { snapshot, error, rejected } = await load(dir);
    expect(error).toBeNull();
    expect(rejected).toHaveLength(1);
    const values = identifierValues(snapshot!);
    expect(values.filter((v) => v.includes('detachdeleten'))).toHaveLength(1); // both rows, one identifier
    expect(values.some((v) => v.includes('he said "hi"'))).toBe(true);
    expect(values.some((v) => v.includes('\uFFFD'))).toBe(true);
    expect(snapshot!.links.account.length).toBe(5);
  });

  it('stops on an unterminated quote with the line it starts on', async () => {
    const dir = await folderWith({ 'accounts.csv': accounts, 'identifiers.csv': 'account_id,kind,value\nA1,device,d1\nA2,device,"never closed\nA3,device,d3\n' });
    const { error } = await load(dir);
    expect(error).toBeInstanceOf(InputError);
    expect((error as Error).message).toMatch(/identifiers\.csv is broken: the quoted field opened on line 3 is never closed/);
  });

  it('stops when a required table or column is missing, or a table has two files', async () => {
    const noIdentifiers = await folderWith({ 'accounts.csv': accounts });
    expect(((await load(noIdentifiers)).error as Error).message).toMatch(/has no identifiers table/);

    const noValue = await folderWith({ 'accounts.csv': accounts, 'identifiers.csv': 'account_id,kind\nA1,device\n' });
    const missing = (await load(noValue)).error as InputError;
    expect(missing).toBeInstanceOf(InputError);
    expect(missing.message).toMatch(/lacks required column value/);

    const twice = await folderWith({ 'accounts.csv': accounts, 'accounts.ndjson': '{}\n', 'identifiers.csv': 'account_id,kind,value\n' });
    expect(((await load(twice)).error as Error).message).toMatch(/more than one file for table accounts/);

    const empty = await folderWith({ 'accounts.csv': '', 'identifiers.csv': 'account_id,kind,value\n' });
    expect(((await load(empty)).error as Error).message).toMatch(/accounts\.csv is empty/);

    expect(((await load('/nonexistent/snapshot')).error as Error).message).toMatch(/snapshot folder not found/);
  });

  it('fails when a table rejects more than the allowed share, after writing every reject', async () => {
    const dir = await folderWith({ 'accounts.csv': accounts, 'identifiers.csv': 'account_id,kind,value\nA1,device,d1\nX1,device,d\nX2,device,d\n' });
    const { error, rejected } = await load(dir, 0.05);
    expect(error).toBeInstanceOf(InputError);
    expect((error as Error).message).toMatch(/too many rejected rows: identifiers 2\/3 \(66\.7 %\)/);
    expect(rejected).toHaveLength(3);
  });

  it('reads NDJSON and Arrow tables like CSV', async () => {
    const ndjson = await folderWith({
      'accounts.ndjson': '{"account_id":"A1","created_at":"2024-01-01T00:00:00Z","tier":3}\n\n{"account_id":"A2"}\nnot json\n',
      'identifiers.ndjson': '{"account_id":"A1","kind":"device","value":"d1"}\n{"account_id":"A2","kind":"device","value":"D1"}\n[1,2]\n',
    });
    const n = await load(ndjson);
    expect(n.error).toBeNull();
    expect(n.snapshot!.accounts.ids).toEqual(['A1', 'A2']);
    expect(n.snapshot!.accounts.properties.get('tier')).toEqual(['3', '']);
    expect(n.rejected.slice(1).map((r) => [r[0], r[1], r[2]])).toEqual([
      ['accounts', '4', 'not valid JSON'],
      ['identifiers', '3', 'not a JSON object'],
    ]);

    const arrowDir = await tempDir();
    const { writeFile } = await import('node:fs/promises');
    await writeFile(join(arrowDir, 'accounts.arrow'), tableToIPC(tableFromArrays({ account_id: ['A1', 'A2'], created_at: ['2024-01-01', ''] }), 'file'));
    await writeFile(join(arrowDir, 'identifiers.arrow'), tableToIPC(tableFromArrays({ account_id: ['A1', 'A2', 'A3'], kind: ['device', 'device', 'device'], value: ['d1', 'd1', 'd3'] }), 'file'));
    const a = await load(arrowDir);
    expect(a.error).toBeNull();
    expect(identifierValues(a.snapshot!)).toEqual(['d1']);
    expect(a.rejected.slice(1).map((r) => [r[0], r[1], r[2]])).toEqual([['identifiers', '3', 'account_id "A3" is not in accounts']]);

    const broken = await folderWith({ 'accounts.arrow': 'this is not arrow', 'identifiers.csv': 'account_id,kind,value\n' });
    expect(((await load(broken)).error as Error).message).toMatch(/accounts\.arrow is not a readable Arrow IPC file/);
  });
});

describe('the CSV byte path', () => {
  it('builds the same snapshot as the record path, whichever path each row takes', async () => {
    const tables: Record<string, Record<string, string>[]> = {
      accounts: [
        { account_id: 'A1', created_at: '2024-01-01T00:00:00Z', country: 'GB' },
        { account_id: ' A2 ', created_at: '2024-01-02', country: 'FR' }, // trimmed: the general path
        { account_id: 'Ä3', created_at: '', country: 'GB' }, // non-ASCII id
        { account_id: 'A1', created_at: '', country: 'XX' }, // duplicate
      ],
      identifiers: [
        { account_id: 'A1', kind: 'email', value: 'unknown', first_seen: '', last_seen: '' }, // placeholder first
        { account_id: 'A2', kind: 'Device', value: 'D-1', first_seen: '2024-01-01T00:00:00Z', last_seen: '2024-02-01T00:00:00.5Z' },
        { account_id: 'Ä3', kind: 'device', value: 'd-1', first_seen: '', last_seen: '' },
        { account_id: 'A1', kind: 'email', value: 'Someone@Example.com', first_seen: '', last_seen: '' },
        { account_id: 'A9', kind: 'email', value: 'x@y.z', first_seen: '', last_seen: '' },
        { account_id: 'A1', kind: 'payment_instrument', value: '4111 1111 1111 1111', first_seen: '', last_seen: '' },
      ],
      transactions: [
        { transaction_id: 'T1', account_id: 'A1', counterparty_id: 'A2', amount: '10.5', currency: 'EUR', created_at: '2024-01-03T00:00:00Z', status: 'chargeback' },
        { transaction_id: 'T2', account_id: 'A2', counterparty_id: '', amount: ' 3 ', currency: 'EUR', created_at: '', status: 'Settled' },
        { transaction_id: 'T3', account_id: 'Ä3', counterparty_id: 'M7', amount: '-0.07', currency: 'EUR', created_at: '', status: 'weird' },
      ],
    };
    const csv = await folderWith(Object.fromEntries(Object.entries(tables).map(([t, rows]) => [`${t}.csv`, `${Papa.unparse(rows, { newline: '\n' })}\n`])));
    const ndjson = await folderWith(Object.fromEntries(Object.entries(tables).map(([t, rows]) => [`${t}.ndjson`, rows.map((r) => JSON.stringify(r)).join('\n')])));
    const a = await load(csv);
    const b = await load(ndjson);
    expect(a.error).toBeNull();
    const { tables: _a, ...fromCsv } = a.snapshot!;
    const { tables: _b, ...fromNdjson } = b.snapshot!;
    const comparable = (s: typeof fromCsv) => ({ ...s, identifiers: { ...s.identifiers, values: identifierValues(s) } });
    expect(comparable(fromCsv)).toEqual(comparable(fromNdjson));
    expect(fromCsv.accounts.ids).toEqual(['A1', 'A2', 'Ä3']);
    expect(fromCsv.identifiers.kinds).toEqual(['device', 'email', 'payment_instrument']);
    expect(Array.from(fromCsv.links.identifier)).toEqual([0, 0, 1, 2]);
    expect(Array.from(fromCsv.transactions.amount)).toEqual([10.5, 3, -0.07]);
    expect(Array.from(fromCsv.transactions.counterparty)).toEqual([1, -1, -1]);
    expect(a.rejected.slice(1).map((r) => [r[0], r[1]])).toEqual([
      ['accounts', '5'],
      ['identifiers', '6'],
    ]);
  });
});

describe('Parquet tables', () => {
  it('load like CSV, row group by row group, with typed columns turned into text and rows numbered from 1', async () => {
    const dir = await tempDir();
    const { writeFile } = await import('node:fs/promises');
    const parquet = (columnData: Parameters<typeof parquetWriteBuffer>[0]['columnData'], rowGroupSize?: number) =>
      Buffer.from(parquetWriteBuffer({ columnData, ...(rowGroupSize ? { rowGroupSize } : {}) }));
    await writeFile(
      join(dir, 'accounts.parquet'),
      parquet([
        { name: 'account_id', data: ['A1', 'A2', 'A3'] },
        { name: 'created_at', data: [new Date('2024-01-01T00:00:00Z'), null, new Date('2024-02-29T12:00:00Z')], type: 'TIMESTAMP' },
        { name: 'tier', data: [1, 2, 3], type: 'INT32' },
      ]),
    );
    await writeFile(
      join(dir, 'identifiers.parquet'),
      parquet(
        [
          { name: 'account_id', data: ['A1', 'A2', 'A9', 'A3', 'A1'] },
          { name: 'kind', data: ['device', 'device', 'device', 'email', 'email'] },
          { name: 'value', data: ['D-1', 'd-1', 'd-9', 'Someone@Example.com', 'unknown'] },
        ],
        2,
      ),
    );
    await writeFile(join(dir, 'transactions.parquet'), parquet([{ name: 'transaction_id', data: ['T1'] }, { name: 'account_id', data: ['A1'] }, { name: 'amount', data: [10.5], type: 'DOUBLE' }]));
    const { snapshot, error, rejected } = await load(dir);
    expect(error).toBeNull();
    expect(snapshot!.accounts.ids).toEqual(['A1', 'A2', 'A3']);
    expect(Array.from(snapshot!.accounts.createdAt)).toEqual([Date.parse('2024-01-01T00:00:00Z'), Number.NaN, Date.parse('2024-02-29T12:00:00Z')]);
    expect(snapshot!.accounts.properties.get('tier')).toEqual(['1', '2', '3']);
    expect(identifierValues(snapshot!)).toEqual(['d-1', 'someone@example.com']);
    expect(Array.from(snapshot!.links.identifier)).toEqual([0, 0, 1]);
    expect(snapshot!.placeholderRows).toBe(1);
    expect(Array.from(snapshot!.transactions.amount)).toEqual([10.5]);
    expect(snapshot!.tables.map((t) => t.format)).toEqual(['parquet', 'parquet', 'parquet']);
    expect(rejected.slice(1).map((r) => [r[0], r[1], r[2]])).toEqual([['identifiers', '3', 'account_id "A9" is not in accounts']]);

    const broken = await folderWith({ 'accounts.parquet': 'not parquet at all', 'identifiers.csv': 'account_id,kind,value\n' });
    expect(((await load(broken)).error as Error).message).toMatch(/accounts\.parquet is not a readable Parquet file/);
    const noColumn = await tempDir();
    await writeFile(join(noColumn, 'accounts.parquet'), parquet([{ name: 'id', data: ['A1'] }]));
    await writeFile(join(noColumn, 'identifiers.csv'), 'account_id,kind,value\n');
    expect(((await load(noColumn)).error as Error).message).toMatch(/accounts\.parquet lacks required column account_id/);
  });
});

describe('timestamps', () => {
  it('reads the common UTC form and the general ISO forms alike, and rejects impossible dates', async () => {
    const dir = await folderWith({
      'accounts.csv': 'account_id,created_at\nA1,2024-02-29T23:59:59Z\nA2,2024-02-29T23:59:59.000Z\nA3,2024-02-29\nA4,2024-02-31T00:00:00Z\nA5,2024-13-01T00:00:00Z\n',
      'identifiers.csv': 'account_id,kind,value\n',
    });
    const { snapshot, rejected } = await load(dir);
    expect(Array.from(snapshot!.accounts.createdAt)).toEqual([Date.parse('2024-02-29T23:59:59Z'), Date.parse('2024-02-29T23:59:59Z'), Date.parse('2024-02-29')]);
    expect(rejected.slice(1).map((r) => r[1])).toEqual(['5', '6']);
  });
});
