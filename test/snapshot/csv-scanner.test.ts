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
  it('stops after the row for which onRow returns false, without an error', async () => {
    const path = join(await tempDir(), 't.csv');
    await writeFile(path, 'a\n1\n2\n3\n4\n');
    const seen: string[] = [];
    await scanCsv(
      path,
      () => undefined,
      (row) => {
        seen.push(row.text(0));
        return row.text(0) !== '2';
      },
    );
    expect(seen).toEqual(['1', '2']);
  });

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

  it('reads a row longer than its read chunk, growing its buffer', async () => {
    const long = 'y'.repeat(20 << 20);
    const { rows } = await scan(`a,b\nx,"${long}"\nlast,1\n`);
    expect(rows.map((r) => [r.line, r.fields[0], r.fields[1]!.length])).toEqual([
      [2, 'x', long.length],
      [3, 'last', 1],
    ]);
  });

  it('starts at a byte offset when asked, taking the first row there as its header, and gives rows their offsets in the file', async () => {
    const text = 'a,b\nx,1\nskipped,h\n"y\nz",2\nw,3\n';
    const path = join(await tempDir(), 't.csv');
    await writeFile(path, text);
    const from = text.indexOf('skipped');
    let header: string[] = [];
    const rows: [number, string, string][] = [];
    await scanCsv(path, (h) => (header = h), (row) => rows.push([row.offset, row.text(0), row.text(1)]), undefined, from);
    expect(header).toEqual(['skipped', 'h']);
    expect(rows).toEqual([
      [text.indexOf('"y'), 'y\nz', '2'],
      [text.indexOf('w,3'), 'w', '3'],
    ]);
  });

  it('stops on a quote that never closes, naming its line', async () => {
    await expect(scan('a\n1\n"open\n2\n')).rejects.toThrow(/quoted field opened on line 3 is never closed/);
    await expect(scan('')).rejects.toThrow(/is empty/);
  });
});
