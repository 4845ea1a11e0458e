import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigSchema } from '../../../src/config/config.js';
import { readTruth } from '../../../src/evaluate/truth.js';
import { generateSnapshot } from '../../../src/generate/generate-snapshot.js';
import { configuredNormaliser } from '../../../src/normalise/configured-normaliser.js';
import { resolvePanKey } from '../../../src/normalise/pan-key.js';
import { loadSnapshot } from '../../../src/snapshot/load-snapshot.js';
import { RejectsFile } from '../../../src/snapshot/rejects.js';
import { suiteDir, tempDir } from '../../support/temp-dir.js';
import { p2pAggregates, type P2pAggregates } from './p2p-aggregates.js';

/** The real export's size: its counts are per this many users. */
const REAL_USERS = 33_700;
const USERS = 20_000;
const HUB = 30;

let measured: Promise<{ dir: string; a: P2pAggregates }> | null = null;
function measure(): Promise<{ dir: string; a: P2pAggregates }> {
  measured ??= (async () => {
    const dir = await suiteDir('fraud-rings-p2p-real-');
    await generateSnapshot({ accounts: USERS, seed: 7, out: dir, world: 'p2p-real' });
    const config = ConfigSchema.parse({});
    // Loaded as a run loads it: card numbers become tokens, placeholders link nothing.
    const { normalise, tokeniseCardNumbers } = configuredNormaliser(config.normalise, resolvePanKey({ envName: config.normalise.panHashKeyEnv, allowDevelopmentKey: true }));
    const rejects = new RejectsFile(join(await tempDir(), 'rejects.csv'));
    const snapshot = await loadSnapshot(dir, { normalise, tokeniseCardNumbers, rejects, maxRejectShare: 0 });
    await rejects.close();
    return { dir, a: p2pAggregates(snapshot, await readTruth(join(dir, 'truth.csv')), HUB) };
  })();
  return measured;
}

/** A count the real export gives per 33.7k users, scaled to this world. */
const scaled = (count: number): number => (count * USERS) / REAL_USERS;
const near = (value: number, target: number, share: number): void => {
  expect(value).toBeGreaterThanOrEqual(target * (1 - share));
  expect(value).toBeLessThanOrEqual(target * (1 + share));
};

describe('p2p-real measured back from a generated snapshot', () => {
  it('has no sign-up times, only devices and cards, and transfers only', async () => {
    const { dir } = await measure();
    const firstLine = async (name: string): Promise<string> => (await readFile(join(dir, name), 'utf8')).split('\n', 1)[0]!;
    expect(await firstLine('accounts.csv')).toBe('account_id');
    expect(await firstLine('identifiers.csv')).toBe('account_id,kind,value');
    const transactions = (await readFile(join(dir, 'transactions.csv'), 'utf8')).trim().split('\n').slice(1);
    expect(transactions.length / USERS).toBeGreaterThan(2.6);
    expect(transactions.length / USERS).toBeLessThan(3.6);
    expect(transactions.every((line) => line.split(',')[2] !== '')).toBe(true);
  });

  it('holds several cards per user and one device, as the real export does', async () => {
    const { a } = await measure();
    expect(a.cardsPerUser.median).toBe(3);
    expect(a.cardsPerUser.p90).toBeGreaterThanOrEqual(7);
    expect(a.cardsPerUser.p90).toBeLessThanOrEqual(9);
    expect(a.cardsPerUser.p99).toBeGreaterThanOrEqual(13);
    expect(a.cardsPerUser.p99).toBeLessThanOrEqual(19);
    expect(a.cardsPerUser.max).toBeGreaterThan(100);
    expect(a.devicesPerUser.median).toBe(1);
    expect(a.devicesPerUser.p90).toBe(3);
    expect(a.devicesPerUser.p99).toBeGreaterThanOrEqual(5);
    expect(a.devicesPerUser.p99).toBeLessThanOrEqual(8);
  });

  it('shares cards and devices between users in the real proportions', async () => {
    const { a } = await measure();
    near(a.sharingCard, 0.305, 0.1);
    near(a.sharingDevice, 0.131, 0.25);
    near(a.cardsBy[0], scaled(7866), 0.15);
    near(a.cardsBy[1], scaled(527), 0.4);
    near(a.cardsBy[2], scaled(97), 0.6);
    near(a.devicesBy[0], scaled(2332), 0.2);
    // Devices of exactly 3 users are the one aggregate that falls short (about half the real share).
    near(a.devicesBy[1], scaled(267), 0.65);
    near(a.devicesBy[2], scaled(146), 0.6);
    expect(a.cardsPerPair.median).toBe(1);
    expect(a.cardsPerPair.p90).toBe(3);
    expect(a.cardsPerPair.p99).toBeGreaterThanOrEqual(5);
    expect(a.cardsPerPair.p99).toBeLessThanOrEqual(7);
  });

  it('puts a third of the users in small groups, which pay each other both ways', async () => {
    const { a } = await measure();
    near(a.grouped, 0.32, 0.08);
    near(a.groupSizes.get(2) ?? 0, scaled(3373), 0.1);
    near(a.groupSizes.get(3) ?? 0, scaled(538), 0.2);
    near(a.groupSizes.get(4) ?? 0, scaled(188), 0.3);
    near(a.groupSizes.get(5) ?? 0, scaled(85), 0.4);
    near(a.groupSizes.get(6) ?? 0, scaled(34), 0.5);
    expect(a.largestGroup).toBeGreaterThanOrEqual(100);
    near(a.inGroupTransfers, 0.34, 0.15);
    expect(a.bothWays).toBeGreaterThan(0.5);
  });

  it('has fraud mostly alone, more often in groups, a handful of rings, half of it labelled', async () => {
    const { a } = await measure();
    near(a.fraudRate, 0.0072, 0.25);
    near(a.fraudInGroups, 0.013, 0.35);
    near(a.fraudAlone, 0.0044, 0.35);
    near(a.groupsByFraud[0], scaled(4155), 0.1);
    near(a.groupsByFraud[1], scaled(108), 0.4);
    near(a.groupsByFraud[2], scaled(14), 0.6);
    near(a.labelledFraud, 0.5, 0.25);
  });
});
