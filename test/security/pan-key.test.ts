import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { nightly } from '../../pipelines/nightly.js';
import { parseConfig } from '../../src/config/config.js';
import { createLogger } from '../../src/log.js';
import { panKeyFingerprint } from '../../src/normalise/pan-key.js';
import { decide } from '../../src/review/decide.js';
import { DecisionLog } from '../../src/review/decision-log.js';
import { writeSprinkledSnapshot } from '../support/card-sprinkled-snapshot.js';
import { messages, runCli } from '../support/run-cli.js';
import { readCsv } from '../support/snapshot-files.js';
import { tempDir } from '../support/temp-dir.js';

/**
 * Issue 12: without FRAUD_RINGS_PAN_KEY a run used a key anyone can read in the source (its
 * tokens were reversed in half a second), and a new key re-opened every rejected account with
 * a "new shared payment_instrument".
 */
const log = createLogger({ silent: true });
const noKey = { FRAUD_RINGS_PAN_KEY: '', FRAUD_RINGS_ALLOW_DEV_PAN_KEY: '' };

describe('the card hashing key (issue 12)', () => {
  it('refuses a real run without FRAUD_RINGS_PAN_KEY (exit 2, nothing written) unless the development key is asked for', async () => {
    const input = await tempDir();
    await writeSprinkledSnapshot(input, 'csv');
    const state = await tempDir();
    const refused = await runCli(['nightly', '--input', input, '--out', state, '--run-id', 'r1'], noKey);
    expect(refused.code).toBe(2);
    expect(messages(refused.stderr)).toEqual([expect.stringMatching(/^fraud-rings: FRAUD_RINGS_PAN_KEY is not set: .*--dev-pan-key/)]);
    expect(await readdir(state)).toEqual([]);
    const dry = await runCli(['nightly', '--input', input, '--out', state, '--dry-run'], noKey);
    expect(dry.code).toBe(2);
    const short = await runCli(['nightly', '--input', input, '--out', state, '--run-id', 'r1'], { ...noKey, FRAUD_RINGS_PAN_KEY: 'short' });
    expect(short.code).toBe(2);
    expect(messages(short.stderr)).toEqual([expect.stringMatching(/FRAUD_RINGS_PAN_KEY is too short/)]);

    const dev = await runCli(['nightly', '--input', input, '--out', state, '--run-id', 'r1', '--dev-pan-key'], noKey);
    expect(dev.code).toBe(0);
    expect(dev.stderr).toMatch(/public development key/);
    const manifest = JSON.parse(await readFile(join(state, 'latest', 'manifest.json'), 'utf8'));
    expect(manifest.panKey).toEqual({ fingerprint: expect.stringMatching(/^[0-9a-f]{16}$/), development: true });
  });

  it('records the fingerprint of the key in the manifest and in decisions, never the key', async () => {
    const input = await tempDir();
    await writeSprinkledSnapshot(input, 'ndjson');
    const state = await tempDir();
    const key = 'production-card-key-0123456789';
    const result = await runCli(['nightly', '--input', input, '--out', state, '--run-id', 'r1'], { ...noKey, FRAUD_RINGS_PAN_KEY: key });
    expect(result.code).toBe(0);
    const manifestText = await readFile(join(state, 'latest', 'manifest.json'), 'utf8');
    expect(JSON.parse(manifestText).panKey).toEqual({ fingerprint: panKeyFingerprint(key), development: false });
    expect(manifestText).not.toContain(key);
    expect(result.stderr).not.toContain(key);
  });
});

describe('a change of key (issue 12)', () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
  });

  it('is detected and does not re-open rejected accounts, while the same key still compares cards', async () => {
    const input = await tempDir();
    await writeSprinkledSnapshot(input, 'csv');
    const state = await tempDir();
    const config = parseConfig({ normalise: { panHashKeyEnv: 'TEST_CARD_KEY' } });
    process.env.TEST_CARD_KEY = 'first-card-key-0123456789';
    const first = await nightly({ input, stateDir: state, config, runId: 'k1', log });
    const rejected = (await readCsv(join(first.runPath, 'candidates.csv'))).filter((c) => !c.reasons!.includes('IS_KNOWN_FRAUD')).map((c) => c.account_id!);
    expect(rejected.length).toBeGreaterThan(5);
    for (const accountId of rejected) await decide(state, { target: { accountId }, decision: 'reject', by: 'bob', note: 'family' });
    const decisions = (await DecisionLog.read(state)).current;
    expect([...decisions.values()].every((d) => d.panKeyFingerprint === panKeyFingerprint('first-card-key-0123456789'))).toBe(true);

    // every card token changes with the key: before the fix, each rejection came back as REOPENED
    process.env.TEST_CARD_KEY = 'second-card-key-0123456789';
    const second = await nightly({ input, stateDir: state, config, runId: 'k2', log });
    const again = await readCsv(join(second.runPath, 'candidates.csv'));
    expect(again.filter((c) => c.reasons!.includes('REOPENED'))).toEqual([]);
    expect(again.filter((c) => rejected.includes(c.account_id!))).toEqual([]);
    expect(second.manifest.counts.reopened).toBe(0);
    expect(second.manifest.counts.suppressedRejected).toBe(rejected.length);
    expect(second.manifest.panKey?.fingerprint).not.toBe(first.manifest.panKey?.fingerprint);
  });
});
