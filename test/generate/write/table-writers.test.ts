import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { tableFromIPC } from 'apache-arrow';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { csvField } from '../../../src/generate/write/csv-table-writer.js';
import { openTableWriter } from '../../../src/generate/write/open-table-writer.js';
import type { Column, TableFormat } from '../../../src/generate/write/table-writer.js';
import { tempDir } from '../../support/temp-dir.js';

const columns: Column[] = [
  { name: 'id', type: 'utf8' },
  { name: 'value', type: 'utf8' },
  { name: 'amount', type: 'float64' },
];
const awkward = ['plain', '12 High St, Leeds', 'say "hi"', 'two\nlines', 'cr\r\nlf', '', ' padded ', 'Köln ß €'];

async function writeRows(format: TableFormat, rows: Array<[string, string, number]>): Promise<string> {
  const dir = await tempDir();
  const writer = await openTableWriter(dir, 'things', columns, format);
  for (const row of rows) {
    writer.row(row);
    await writer.drain();
  }
  await writer.close();
  expect(writer.rows).toBe(rows.length);
  return join(dir, `things.${format}`);
}

describe('table writers', () => {
  const rows = awkward.map((value, i): [string, string, number] => [`A${i}`, value, i * 1.25]);

  it('quotes CSV fields per RFC 4180 and reads back exactly', async () => {
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('x')).toBe('x');
    expect(csvField(2.5)).toBe('2.5');
    const text = await readFile(await writeRows('csv', rows), 'utf8');
    expect(text.startsWith('id,value,amount\n')).toBe(true);
    const parsed = Papa.parse<string[]>(text, { skipEmptyLines: true }).data;
    expect(parsed.slice(1)).toEqual(rows.map(([id, value, amount]) => [id, value, String(amount)]));
  });

  it('writes one JSON object per line, money as a number', async () => {
    const lines = (await readFile(await writeRows('ndjson', rows), 'utf8')).trimEnd().split('\n');
    expect(lines.map((l) => JSON.parse(l))).toEqual(rows.map(([id, value, amount]) => ({ id, value, amount })));
  });

  it('writes an Arrow IPC file with Utf8 and Float64 columns', async () => {
    const table = tableFromIPC(await readFile(await writeRows('arrow', rows)));
    expect(table.numRows).toBe(rows.length);
    expect(table.schema.fields.map((f) => `${f.name}:${f.type}`)).toEqual(['id:Utf8', 'value:Utf8', 'amount:Float64']);
    expect(table.toArray().map((r) => [r.id, r.value, r.amount])).toEqual(rows);
  });

  it('writes valid empty tables', async () => {
    expect(await readFile(await writeRows('csv', []), 'utf8')).toBe('id,value,amount\n');
    expect(await readFile(await writeRows('ndjson', []), 'utf8')).toBe('');
    const table = tableFromIPC(await readFile(await writeRows('arrow', [])));
    expect(table.numRows).toBe(0);
    expect(table.schema.fields.map((f) => f.name)).toEqual(['id', 'value', 'amount']);
  });

  it('streams many rows through bounded buffers in every format', async () => {
    const many = Array.from({ length: 150_000 }, (_, i): [string, string, number] => [`A${i}`, awkward[i % awkward.length]!, i / 100]);
    const csv = Papa.parse<string[]>(await readFile(await writeRows('csv', many), 'utf8'), { skipEmptyLines: true }).data;
    expect(csv.length).toBe(many.length + 1);
    expect(csv[149_999 + 1]).toEqual(['A149999', many[149_999]![1], String(many[149_999]![2])]);
    const arrow = tableFromIPC(await readFile(await writeRows('arrow', many)));
    expect(arrow.numRows).toBe(many.length);
    expect(arrow.batches.length).toBeGreaterThan(1);
    expect(arrow.get(149_999)?.toJSON()).toEqual({ id: 'A149999', value: many[149_999]![1], amount: 1499.99 });
  });
});
