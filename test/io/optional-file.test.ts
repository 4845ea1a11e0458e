import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { exists, readOptionalText } from '../../src/io/optional-file.js';
import { tempDir } from '../support/temp-dir.js';

describe('readOptionalText', () => {
  it('is the text of a file that is there and null for one that is not', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'a'), 'text');
    expect(await readOptionalText(join(dir, 'a'))).toBe('text');
    expect(await readOptionalText(join(dir, 'missing'))).toBeNull();
    expect(await exists(join(dir, 'a'))).toBe(true);
    expect(await exists(join(dir, 'missing'))).toBe(false);
  });

  it('does not take any other failure for "absent"', async () => {
    const dir = await tempDir();
    await mkdir(join(dir, 'folder'));
    await expect(readOptionalText(join(dir, 'folder'))).rejects.toThrow(InputError);
    await expect(readOptionalText(join(dir, 'folder'))).rejects.toThrow(/cannot read .*folder: EISDIR/);
  });
});
