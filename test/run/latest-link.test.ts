import { mkdir, readlink, rm, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DamagedStateError } from '../../src/errors.js';
import { createLogger } from '../../src/log.js';
import { repairLatest } from '../../src/run/latest-link.js';
import { runManifest } from '../support/run-manifest.js';
import { tempDir } from '../support/temp-dir.js';

/** A sealed run folder with a manifest of its own. */
async function sealed(state: string, runId: string, startedAt: string, status: 'succeeded' | 'failed' = 'succeeded'): Promise<void> {
  await mkdir(join(state, 'runs', runId), { recursive: true });
  await writeFile(join(state, 'runs', runId, 'manifest.json'), JSON.stringify(runManifest(runId, startedAt, status)));
}

function capture() {
  const warnings: string[] = [];
  const log = createLogger({ silent: true });
  log.warn = ((_: unknown, msg?: string) => void warnings.push(msg ?? '')) as typeof log.warn;
  return { log, warnings };
}

describe('repairLatest', () => {
  it('leaves a sound latest alone and removes links a killed seal left', async () => {
    const state = await tempDir();
    await sealed(state, 'r1', '2026-11-25T01:00:00.000Z');
    await symlink(join('runs', 'r1'), join(state, 'latest'));
    await symlink(join('runs', 'r1'), join(state, '.latest.4242'));
    const { log, warnings } = capture();
    expect(await repairLatest(state, log)).toEqual({ latest: 'r1', movedTo: null });
    expect(warnings).toEqual([]);
    await expect(readlink(join(state, '.latest.4242'))).rejects.toThrow(/ENOENT/);
  });

  it('moves latest to a newer sealed run that never became latest, not to an older or failed one', async () => {
    const state = await tempDir();
    await sealed(state, 'r1', '2026-11-25T01:00:00.000Z');
    await sealed(state, 'r2', '2026-11-26T01:00:00.000Z');
    await sealed(state, 'r3', '2026-11-27T01:00:00.000Z', 'failed');
    await symlink(join('runs', 'r1'), join(state, 'latest'));
    const { log, warnings } = capture();
    expect(await repairLatest(state, log)).toEqual({ latest: 'r2', movedTo: 'r2' });
    expect(await readlink(join(state, 'latest'))).toBe(join('runs', 'r2'));
    expect(warnings).toHaveLength(1);
    expect(await repairLatest(state, log)).toEqual({ latest: 'r2', movedTo: null });
  });

  it('a dangling latest goes to the newest sealed run; with none left it is refused (exit 7)', async () => {
    const state = await tempDir();
    await sealed(state, 'r1', '2026-11-25T01:00:00.000Z');
    await symlink(join('runs', 'r9'), join(state, 'latest'));
    const { log } = capture();
    expect(await repairLatest(state, log)).toEqual({ latest: 'r1', movedTo: 'r1' });
    await rm(join(state, 'runs', 'r1'), { recursive: true });
    await expect(repairLatest(state, log)).rejects.toThrow(DamagedStateError);
  });
});
