import { readFile, readlink, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { nightly } from '../../pipelines/nightly.js';
import { register } from '../../src/cli/review.js';
import { DamagedStateError, ExitCode } from '../../src/errors.js';
import { createLogger } from '../../src/log.js';
import { writeRingSnapshot } from '../support/ring-snapshot.js';
import { messages } from '../support/run-cli.js';
import { runInProcess } from '../support/run-in-process.js';
import { tempDir } from '../support/temp-dir.js';
import { config } from './support/night.js';

/** A night with the run folder only, logging its warnings into `warnings`. */
async function night(input: string, stateDir: string, runId: string, warnings: string[] = []) {
  const log = createLogger({ silent: true });
  log.warn = ((obj: unknown, msg?: string) => void warnings.push(typeof obj === 'string' ? obj : (msg ?? ''))) as typeof log.warn;
  return nightly({ input, stateDir, config, runId, log, allowDevelopmentPanKey: true });
}

describe('a latest link that points nowhere', () => {
  it('is repaired from the newest sealed run with a warning: lineage continues instead of starting anew', async () => {
    const input = await tempDir();
    await writeRingSnapshot(input, { accounts: 1500, seed: 12 });
    const state = await tempDir();
    await night(input, state, 'l1');
    await night(input, state, 'l2');
    await rm(join(state, 'runs', 'l2'), { recursive: true });

    // the review commands say what is wrong and what will fix it (exit 7), not "candidates.csv not found"
    const list = await runInProcess((p) => register(p), ['review', 'list', '--out', state]);
    expect(list.code).toBe(ExitCode.damagedState);
    expect(messages(list.stderr)).toEqual([expect.stringMatching(/latest points to runs\/l2, which is missing: the next nightly run points it to the newest sealed run/)]);

    const warnings: string[] = [];
    await night(input, state, 'l3', warnings);
    expect(warnings).toContain('latest pointed to a run folder that is missing or did not succeed; it now points to the newest sealed run');
    expect(await readlink(join(state, 'latest'))).toBe(join('runs', 'l3'));

    // the same as a night that followed l1 directly
    const reference = await tempDir();
    await night(input, reference, 'l1');
    await night(input, reference, 'l3');
    for (const file of ['lineage.csv', 'clusters.ndjson']) {
      expect(await readFile(join(state, 'runs', 'l3', file), 'utf8'), file).toBe(await readFile(join(reference, 'runs', 'l3', file), 'utf8'));
    }
    const lineage = await readFile(join(state, 'runs', 'l3', 'lineage.csv'), 'utf8');
    expect(lineage).toMatch(/,continued,/);
    expect(lineage).not.toMatch(/,new,/);
  });

  it('with no sealed run left, the night refuses (exit 7) rather than silently start lineage anew', async () => {
    const input = await tempDir();
    await writeRingSnapshot(input, { accounts: 600, seed: 12 });
    const state = await tempDir();
    await night(input, state, 'm1');
    await rm(join(state, 'runs', 'm1'), { recursive: true });
    const refused = night(input, state, 'm2');
    await expect(refused).rejects.toThrow(DamagedStateError);
    await expect(night(input, state, 'm2')).rejects.toThrow(/latest points to runs\/m1, which is missing or did not succeed, and no sealed run is left: restore runs\/m1, or remove latest to start lineage anew/);
  });
});
