import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RunManifest } from '../../src/run/manifest.js';
import { pruneRuns } from '../../src/run/retention.js';
import { tempDir } from '../support/temp-dir.js';

async function run(state: string, id: string, startedAt: string) {
  await mkdir(join(state, 'runs', id), { recursive: true });
  const manifest: RunManifest = { runId: id, status: 'succeeded', startedAt, finishedAt: startedAt, version: '0', configHash: 'h', input: { dir: '/in', tables: [] }, counts: {}, stages: [], sinks: ['files'] };
  await writeFile(join(state, 'runs', id, 'manifest.json'), JSON.stringify(manifest));
}

describe('pruneRuns', () => {
  it('keeps the newest runs by start time and the latest one, and removes partial folders', async () => {
    const state = await tempDir();
    await run(state, 'b', '2026-01-02T00:00:00Z');
    await run(state, 'a', '2026-01-04T00:00:00Z');
    await run(state, 'c', '2026-01-03T00:00:00Z');
    await run(state, 'old-latest', '2026-01-01T00:00:00Z');
    await mkdir(join(state, 'runs', '.killed.partial'));
    const removed = await pruneRuns(state, 2, 'old-latest');
    expect(removed).toEqual(['b']);
    expect((await readdir(join(state, 'runs'))).sort()).toEqual(['a', 'c', 'old-latest']);
  });
});
