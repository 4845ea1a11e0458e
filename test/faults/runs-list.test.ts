import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { register } from '../../src/cli/runs.js';
import { runInProcess } from '../support/run-in-process.js';
import { runManifest } from '../support/run-manifest.js';
import { tempDir } from '../support/temp-dir.js';

describe('runs list with a damaged manifest', () => {
  it('reports the run whose manifest cannot be read, with why, instead of leaving it out', async () => {
    const state = await tempDir();
    for (const id of ['r1', 'r2']) {
      await mkdir(join(state, 'runs', id), { recursive: true });
      await writeFile(join(state, 'runs', id, 'manifest.json'), JSON.stringify(runManifest(id, `2026-11-2${id.slice(1)}T01:00:00.000Z`)));
    }
    await writeFile(join(state, 'runs', 'r2', 'manifest.json'), '{"runId": "r2", "stat');

    const table = await runInProcess((p) => register(p), ['runs', 'list', '--out', state]);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/^r1 /m);
    expect(table.stdout).toMatch(/^unreadable: runs\/r2: .*manifest\.json is not JSON$/m);

    const json = await runInProcess((p) => register(p), ['runs', 'list', '--out', state, '--format', 'json']);
    expect((JSON.parse(json.stdout) as Array<{ runId: string; status: string }>).map((r) => `${r.runId} ${r.status}`)).toEqual(['r1 succeeded', 'r2 unreadable']);
  });
});
