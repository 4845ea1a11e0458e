import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { appendWhole, DISK_FULL_AFTER_ENV } from '../../src/io/append-whole.js';
import { tempDir } from '../support/temp-dir.js';

afterEach(() => {
  delete process.env[DISK_FULL_AFTER_ENV];
});

describe('appendWhole', () => {
  it('appends, creating the file when missing', async () => {
    const path = join(await tempDir(), 'log.ndjson');
    await appendWhole(path, 'one\n');
    await appendWhole(path, 'two\n');
    expect(await readFile(path, 'utf8')).toBe('one\ntwo\n');
  });

  it('a write that stops short (a full disk) fails with ENOSPC and leaves the file as it was', async () => {
    const path = join(await tempDir(), 'log.ndjson');
    await writeFile(path, 'one\n');
    process.env[DISK_FULL_AFTER_ENV] = '3';
    await expect(appendWhole(path, 'a long line\n')).rejects.toMatchObject({ code: 'ENOSPC' });
    expect(await readFile(path, 'utf8')).toBe('one\n');
  });
});
