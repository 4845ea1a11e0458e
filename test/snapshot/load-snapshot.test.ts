import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { tableFromArrays, tableToIPC } from 'apache-arrow';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { createNormaliser, defaultPlaceholders } from '../../src/normalise/normalise-identifier.js';
import { loadSnapshot } from '../../src/snapshot/load-snapshot.js';
import { RejectsFile } from '../../src/snapshot/rejects.js';
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
    const values = snapshot!.identifiers.values;
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
    expect(a.snapshot!.identifiers.values).toEqual(['d1']);
    expect(a.rejected.slice(1).map((r) => [r[0], r[1], r[2]])).toEqual([['identifiers', '3', 'account_id "A3" is not in accounts']]);

    const broken = await folderWith({ 'accounts.arrow': 'this is not arrow', 'identifiers.csv': 'account_id,kind,value\n' });
    expect(((await load(broken)).error as Error).message).toMatch(/accounts\.arrow is not a readable Arrow IPC file/);
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
