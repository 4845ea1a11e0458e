import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateSnapshot } from '../../src/generate/generate-snapshot.js';
import { killAfterStage } from '../support/kill-after-stage.js';
import { runCli } from '../support/run-cli.js';
import { tempDir } from '../support/temp-dir.js';

describe('a nightly run killed mid-way', () => {
  it('leaves nothing that looks complete, and the rerun gives the uninterrupted result', async () => {
    const input = await tempDir('fraud-rings-kill-');
    await generateSnapshot({ accounts: 20000, seed: 8080, out: input });
    const reference = await tempDir();
    expect((await runCli(['nightly', '--input', input, '--out', reference, '--run-id', 'ref'])).code).toBe(0);

    // killed while loading (right after the sinks opened), and while detecting (right after loading)
    for (const stage of ['open sinks', 'load snapshot']) {
      const state = await tempDir();
      await killAfterStage(['--input', input, '--out', state, '--run-id', 'night'], stage);
      expect(existsSync(join(state, 'latest'))).toBe(false);
      expect(await readdir(join(state, 'runs'))).toEqual(['.night.partial']);
      expect(existsSync(join(state, 'nightly.lock'))).toBe(true); // left by the killed process

      const rerun = await runCli(['nightly', '--input', input, '--out', state, '--run-id', 'night']);
      expect(rerun.code).toBe(0);
      expect(rerun.stderr).toMatch(/taking over a stale lock/);
      expect(await readdir(join(state, 'runs'))).toEqual(['night']);
      for (const file of ['clusters.csv', 'members.csv', 'candidates.csv', 'evidence.ndjson', 'hubs.csv']) {
        const expected = await readFile(join(reference, 'runs', 'ref', file));
        expect((await readFile(join(state, 'latest', file))).equals(expected), `${file} after a kill once ${stage} finished`).toBe(true);
      }
    }
  });
});
