import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { nightly } from '../../pipelines/nightly.js';
import { parseConfig } from '../../src/config/config.js';
import { evaluateRun } from '../../src/evaluate/evaluate-run.js';
import { createLogger } from '../../src/log.js';
import { clusterOfAccounts, readCsv, ringsOf } from '../support/snapshot-files.js';
import { tempDir } from '../support/temp-dir.js';
import { worldSnapshot } from '../support/world-snapshot.js';

const log = createLogger({ silent: true });
const config = parseConfig({});

// 100,000 accounts, ≥ 90 % of them in one component through carrier IPs below the hub size
// (test/generate/worlds/world-shapes.test.ts checks that shape); rings of 5-9 share a device and a card.
describe('rings out of a giant component (issue 11)', () => {
  it('finds at least 90 % of the planted rings with candidate precision ≥ 0.9', async () => {
    const snapshot = await worldSnapshot('giant-component', { accounts: 100_000, seed: 3 });
    const result = await nightly({ input: snapshot.dir, stateDir: await tempDir(), config, runId: 'giant', log });
    const e = await evaluateRun(result.runPath, snapshot.truth, { snapshotDir: snapshot.dir, config: config.config });
    expect(e.candidates.precision).toBeGreaterThanOrEqual(0.9);

    // a ring is found when most of its members are candidates
    const rings = await ringsOf(snapshot.dir);
    const candidates = new Set((await readCsv(join(result.runPath, 'candidates.csv'))).map((c) => c.account_id!));
    const found = [...rings.values()].filter((members) => members.filter((m) => candidates.has(m)).length * 2 > members.length);
    expect(rings.size).toBeGreaterThan(500);
    expect(found.length / rings.size).toBeGreaterThanOrEqual(0.9);

    // and no cluster swallows the component: the largest is ring-sized
    const byCluster = new Map<string, number>();
    for (const cluster of (await clusterOfAccounts(result.runPath)).values()) byCluster.set(cluster, (byCluster.get(cluster) ?? 0) + 1);
    expect(Math.max(...byCluster.values())).toBeLessThanOrEqual(60);
  }, 300_000);
});
