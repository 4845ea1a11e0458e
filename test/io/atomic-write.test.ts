import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeFileAtomic } from '../../src/io/atomic-write.js';
import { tempDir } from '../support/temp-dir.js';

describe('writeFileAtomic', () => {
  it('replaces the file whole, text or bytes, and leaves no temp file', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'a.txt'), 'old');
    await writeFileAtomic(join(dir, 'a.txt'), 'new é');
    await writeFileAtomic(join(dir, 'b.bin'), Uint8Array.from([0, 255]));
    expect(await readFile(join(dir, 'a.txt'), 'utf8')).toBe('new é');
    expect([...(await readFile(join(dir, 'b.bin')))]).toEqual([0, 255]);
    expect((await readdir(dir)).sort()).toEqual(['a.txt', 'b.bin']);
  });

  it('writes pieces of text as they come, larger together than one write, in order', async () => {
    const dir = await tempDir();
    const line = `${'x'.repeat(1023)}\n`;
    function* pieces() {
      for (let i = 0; i < 6000; i++) yield `${i},${line}`; // about 6 MB: more than one 4 MB write
    }
    await writeFileAtomic(join(dir, 'big.txt'), pieces(), 0o640);
    const text = await readFile(join(dir, 'big.txt'), 'utf8');
    const lines = text.split('\n').filter(Boolean);
    expect(lines).toHaveLength(6000);
    expect(lines.map((l) => Number(l.split(',')[0]))).toEqual(Array.from({ length: 6000 }, (_, i) => i));
    expect((await readdir(dir)).sort()).toEqual(['big.txt']);
  });

  it('removes its temp file when the rename fails', async () => {
    const dir = await tempDir();
    await mkdir(join(dir, 'taken', 'inside'), { recursive: true }); // a non-empty folder where the file should go
    await expect(writeFileAtomic(join(dir, 'taken'), 'x')).rejects.toThrow();
    expect(await readdir(dir)).toEqual(['taken']);
  });
});
