import { mkdtemp, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach } from 'vitest';

const created: string[] = [];

/** A fresh temp folder, removed after the test. */
export async function tempDir(prefix = 'fraud-rings-'): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  created.push(dir);
  return dir;
}

const suite: string[] = [];

/** A temp folder that lives for the whole test file (for fixtures made in beforeAll). */
export async function suiteDir(prefix = 'fraud-rings-suite-'): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  suite.push(dir);
  return dir;
}

afterAll(async () => {
  await Promise.all(suite.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

afterEach(async () => {
  await Promise.all(created.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

/** Writes files (name → content) into a new temp folder and returns it. */
export async function folderWith(files: Record<string, string | Buffer>): Promise<string> {
  const dir = await tempDir();
  for (const [name, content] of Object.entries(files)) {
    await mkdir(join(dir, name, '..'), { recursive: true });
    await writeFile(join(dir, name), content);
  }
  return dir;
}
