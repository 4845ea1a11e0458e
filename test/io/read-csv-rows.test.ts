import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { readCsvRows } from '../../src/io/read-csv-rows.js';
import { folderWith } from '../support/temp-dir.js';

async function rows(content: string, columns: string[]): Promise<Array<[string[], number]>> {
  const dir = await folderWith({ 'x.csv': content });
  const out: Array<[string[], number]> = [];
  await readCsvRows(join(dir, 'x.csv'), columns, (fields, line) => out.push([fields, line]));
  return out;
}

describe('readCsvRows', () => {
  it('reads quoted fields, a BOM and CRLF, and picks columns by name', async () => {
    const text = '\uFEFFb,a,c\r\n1,"x, ""y""",z\r\n2,"two\nlines",w\r\n\r\n';
    expect(await rows(text, ['a', 'b'])).toEqual([
      [['x, "y"', '1'], 2],
      [['two\nlines', '2'], 3],
    ]);
  });

  it('reports a missing file, a missing column and a short row as input errors', async () => {
    await expect(readCsvRows('/nonexistent/x.csv', ['a'], () => {})).rejects.toThrow(/not found/);
    await expect(rows('a,b\n1,2\n', ['c'])).rejects.toThrow(InputError);
    await expect(rows('a,b\n1,2\n3\n', ['a'])).rejects.toThrow(/line 3: expected 2 fields/);
    await expect(rows('', ['a'])).rejects.toThrow(/header/);
  });
});
