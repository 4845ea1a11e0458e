import { mkdir, readdir, readFile, readlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { nightly } from '../../pipelines/nightly.js';
import { parseConfig } from '../../src/config/config.js';
import { UserError } from '../../src/errors.js';
import { createLogger } from '../../src/log.js';
import { pruneRuns } from '../../src/run/retention.js';
import { runManifest } from '../support/run-manifest.js';
import { messages, runCli } from '../support/run-cli.js';
import { folderWith, tempDir } from '../support/temp-dir.js';
import { treeOf } from '../support/tree-snapshot.js';

/**
 * Issue 12, data loss: `--run-id` was used as a path (`..` deleted the state folder, decisions
 * included), a run id could collide with retention, and retention deleted any folder without a
 * manifest, or the new latest run itself.
 */
const log = createLogger({ silent: true });
const accounts = 'account_id,created_at\nA1,2024-01-01\nA2,2024-01-02\nA3,2024-01-03\n';
const identifiers = 'account_id,kind,value\nA1,device,d1\nA2,device,d1\nA3,device,d1\nA1,payment_instrument,c\nA2,payment_instrument,c\n';

/** <root>/state (with a decision log) beside <root>/victim and <root>/x: the siblings must never change. */
async function stateWithSiblings(): Promise<{ root: string; state: string }> {
  const root = await tempDir();
  const state = join(root, 'parent', 'state');
  await mkdir(join(state, 'review'), { recursive: true });
  await writeFile(join(state, 'review', 'decisions.ndjson'), '');
  await mkdir(join(root, 'parent', 'sibling'), { recursive: true });
  await writeFile(join(root, 'parent', 'sibling', 'keep.txt'), 'unrelated');
  await mkdir(join(root, 'victim'), { recursive: true });
  await writeFile(join(root, 'victim', 'data.txt'), 'precious');
  return { root, state };
}

function outside(tree: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(tree).filter(([k]) => !k.startsWith('parent/state/') && k !== 'parent/state'));
}

describe('run ids (issue 12)', () => {
  it.each(['..', '../..', '../../../victim', '../../x', '.', '.r.partial', 'a/b', '-r', 'r\nx', 'x'.repeat(65), ''])(
    'refuses --run-id %j with exit 2 before any file is touched',
    async (runId) => {
      const input = await folderWith({ 'accounts.csv': accounts, 'identifiers.csv': identifiers });
      const { root, state } = await stateWithSiblings();
      const before = await treeOf(root);
      const result = await runCli(['nightly', '--input', input, '--out', state, '--run-id', runId]);
      expect(result.code).toBe(2);
      expect(messages(result.stderr)).toEqual([expect.stringMatching(/^fraud-rings: run id .* is not allowed/)]);
      expect(await treeOf(root)).toEqual(before);
    },
  );

  it('fuzzed run ids and config values never change anything outside the state folder', async () => {
    const input = await folderWith({ 'accounts.csv': accounts, 'identifiers.csv': identifiers });
    const { root, state } = await stateWithSiblings();
    const before = outside(await treeOf(root));
    let seed = 12;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const alphabet = ['.', '..', '/', '\\', 'a', 'Z', '0', '-', '_', ' ', '~', '%2e', 'runs', 'latest', '.partial', '\u0000'];
    let accepted = 0;
    for (let i = 0; i < 40; i++) {
      const runId = Array.from({ length: 1 + Math.floor(random() * 6) }, () => alphabet[Math.floor(random() * alphabet.length)]).join('');
      const keepRuns = [1, 2, 0, -1, 1.5, 1e9][Math.floor(random() * 6)];
      let config;
      try {
        config = parseConfig({ retention: { keepRuns } });
      } catch (err) {
        expect(err).toBeInstanceOf(UserError);
        continue;
      }
      try {
        await nightly({ input, stateDir: state, config, runId: `${runId}`, log });
        accepted++;
      } catch (err) {
        expect(err).toBeInstanceOf(UserError);
      }
      expect(outside(await treeOf(root))).toEqual(before);
    }
    expect(accepted).toBeGreaterThan(0);
    // the decision log survived every attempt
    expect(await readFile(join(state, 'review', 'decisions.ndjson'), 'utf8')).toBe('');
  });
});

describe('retention (issue 12)', () => {
  async function run(state: string, id: string, startedAt: string, manifest: object | null = runManifest(id, startedAt)) {
    await mkdir(join(state, 'runs', id), { recursive: true });
    if (manifest) await writeFile(join(state, 'runs', id, 'manifest.json'), JSON.stringify(manifest));
  }

  it('keeps folders it cannot identify as its own: no manifest, a manifest of another run, a broken manifest', async () => {
    const state = await tempDir();
    await run(state, 'r1', '2026-01-01T00:00:00Z');
    await run(state, 'r2', '2026-01-02T00:00:00Z');
    await run(state, 'backup', '', null);
    await run(state, 'copy-of-r1', '2026-01-01T00:00:00Z', runManifest('r1', '2026-01-01T00:00:00Z'));
    await run(state, 'broken', '', { runId: 'broken' });
    await mkdir(join(state, 'runs', '.operator.notes'));
    await mkdir(join(state, 'runs', '.r1.partial.bak'));
    const removed = await pruneRuns(state, 1, 'r2');
    expect(removed).toEqual(['r1']);
    expect((await readdir(join(state, 'runs'))).sort()).toEqual(['.operator.notes', '.r1.partial.bak', 'backup', 'broken', 'copy-of-r1', 'r2']);
  });

  it('with keepRuns 1 never prunes the new latest run, even when an older run claims a later start', async () => {
    const input = await folderWith({ 'accounts.csv': accounts, 'identifiers.csv': identifiers });
    const state = await tempDir();
    await run(state, 'old', '2099-01-01T00:00:00Z');
    const result = await nightly({ input, stateDir: state, config: parseConfig({ retention: { keepRuns: 1 } }), runId: 'new', log });
    expect(result.manifest.status).toBe('succeeded');
    expect(await readlink(join(state, 'latest'))).toBe(join('runs', 'new'));
    expect(await readdir(join(state, 'latest'))).toContain('manifest.json');
  });
});
