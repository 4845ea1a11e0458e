import { join } from 'node:path';
import { writeFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { scanCsv } from '../../src/snapshot/csv-scanner.js';
import { tempDir } from '../support/temp-dir.js';

async function scan(text: string | Buffer) {
  const path = join(await tempDir(), 't.csv');
  await writeFile(path, text);
  let header: string[] = [];
  const rows: { line: number; fields: string[]; problem: string | null; ascii: boolean }[] = [];
  await scanCsv(
    path,
    (h) => (header = h),
    (row) => rows.push({ line: row.line, fields: row.fields(), problem: row.problem, ascii: row.ascii }),
  );
  return { header, rows };
}

describe('scanCsv', () => {
  it('reads quoted fields with commas, doubled quotes and newlines, and counts physical lines', async () => {
    const { header, rows } = await scan('\uFEFF a ,b\r\n"x,1","say ""hi"""\r\n\r\n"two\nlines",z\nlast,"q"');
    expect(header).toEqual(['a', 'b']);
    expect(rows).toEqual([
      { line: 2, fields: ['x,1', 'say "hi"'], problem: null, ascii: true },
      { line: 4, fields: ['two\nlines', 'z'], problem: null, ascii: true },
      { line: 6, fields: ['last', 'q'], problem: null, ascii: true },
    ]);
  });

  it('marks rows with the wrong field count or a stray quote, and decodes UTF-8 like a text stream', async () => {
    const bad = Buffer.concat([Buffer.from('a,b\n1\n"o"k",2\n'), Buffer.from([0x63, 0xff, 0x2c, 0xc3, 0xa9, 0x0a])]);
    const { rows } = await scan(bad);
    expect(rows.map((r) => [r.line, r.problem])).toEqual([
      [2, 'expected 2 fields, found 1'],
      [3, expect.stringContaining('malformed CSV row')],
      [4, null],
    ]);
    expect(rows[2]!.fields).toEqual(['c\uFFFD', 'é']);
    expect(rows[2]!.ascii).toBe(false);
  });

  it('reads rows that straddle its 16 MB read chunks', async () => {
    const line = `${'v'.repeat(90)},"${'w'.repeat(40)}\n${'x'.repeat(20)}"\n`;
    const count = Math.ceil((17 << 20) / line.length);
    const { rows } = await scan(`a,b\n${line.repeat(count)}`);
    expect(rows).toHaveLength(count);
    expect(rows.every((r) => r.fields[1]!.length === 61 && r.problem === null)).toBe(true);
    expect(rows.at(-1)!.line).toBe(2 + 2 * (count - 1));
  });

  it('takes its bytes from any chunked source, such as a gunzip stream, in chunks of any size', async () => {
    const { createGunzip, gzipSync } = await import('node:zlib');
    const { Readable } = await import('node:stream');
    const text = '\uFEFFa,b\n"x\ny",1\nz,2\n';
    const path = join(await tempDir(), 't.csv.gz');
    await writeFile(path, gzipSync(text));
    const rows: string[][] = [];
    const bytes = Buffer.from(text);
    const oneByteAtATime = Readable.from(Array.from(bytes, (b) => Buffer.from([b])));
    for (const source of [Readable.from([gzipSync(text)]).pipe(createGunzip()), oneByteAtATime]) {
      let header: string[] = [];
      await scanCsv(path, (h) => (header = h), (row) => rows.push([String(row.line), ...row.fields()]), undefined, source);
      expect(header).toEqual(['a', 'b']);
    }
    expect(rows).toEqual([
      ['2', 'x\ny', '1'],
      ['4', 'z', '2'],
      ['2', 'x\ny', '1'],
      ['4', 'z', '2'],
    ]);
  });

  it('stops on a quote that never closes, naming its line', async () => {
    await expect(scan('a\n1\n"open\n2\n')).rejects.toThrow(/quoted field opened on line 3 is never closed/);
    await expect(scan('')).rejects.toThrow(/is empty/);
  });
});
