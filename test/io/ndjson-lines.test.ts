import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { InputError } from '../../src/errors.js';
import { parseNdjsonLines, readNdjsonFile } from '../../src/io/ndjson-lines.js';
import { folderWith } from '../support/temp-dir.js';

const Item = z.object({ id: z.string(), n: z.number() });

describe('JSON lines', () => {
  const text = '{"id":"a","n":1}\n\n{"id":"b","n":2}\n';

  it('reads the same items from text and, line by line, from the file, skipping blank lines', async () => {
    const dir = await folderWith({ 'items.ndjson': text });
    const streamed: unknown[] = [];
    expect(await readNdjsonFile(join(dir, 'items.ndjson'), Item, 'an item', (i) => streamed.push(i))).toBe(true);
    expect(streamed).toEqual([{ id: 'a', n: 1 }, { id: 'b', n: 2 }]);
    expect(parseNdjsonLines(text, 'items.ndjson', Item, 'an item')).toEqual(streamed);
  });

  it('names the file and the line of a broken or wrong line, and says when there is no file', async () => {
    const dir = await folderWith({ 'bad.ndjson': '{"id":"a","n":1}\n{"id":"b"}\n', 'broken.ndjson': '{"id":"a","n":1}\n{"id":\n' });
    await expect(readNdjsonFile(join(dir, 'bad.ndjson'), Item, 'an item', () => {})).rejects.toThrow(/bad\.ndjson line 2 is not an item: n:/);
    await expect(readNdjsonFile(join(dir, 'broken.ndjson'), Item, 'an item', () => {})).rejects.toThrow(InputError);
    await expect(readNdjsonFile(join(dir, 'broken.ndjson'), Item, 'an item', () => {})).rejects.toThrow(/broken\.ndjson line 2 is not JSON/);
    expect(await readNdjsonFile(join(dir, 'none.ndjson'), Item, 'an item', () => {})).toBe(false);
  });
});
