import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { asyncBufferFromFile, parquetReadObjects } from 'hyparquet';
import { compressors } from 'hyparquet-compressors';
import { beforeAll, describe, expect, it } from 'vitest';
import { identifierIdKey, identifierIds } from '../../src/engine/spark/identifier-ids.js';
import { readComponents } from '../../src/engine/spark/read-components.js';
import { runSparkJob, runSparkMeasure, type SparkJobResult, type SparkMeasureResult } from '../../src/engine/spark/run-spark-job.js';
import { buildSparkTool } from '../../src/engine/spark/spark-tool.js';
import { readBucket } from '../../src/engine/spark/read-bucket.js';
import type { Snapshot } from '../../src/snapshot/snapshot.js';
import { readProximityRanks } from '../../src/engine/spark/read-proximity.js';
import { writeParts, writeWalkAccounts } from '../../src/engine/spark/write-parts.js';
import { proximityRanks } from '../../src/detect/proximity.js';
import { indexTransactions } from '../../src/graph/transaction-index.js';
import { measureKindAggregates } from '../../src/detect/kind-aggregates.js';
import { findComponents } from '../../src/graph/components.js';
import { buildIdentifierGraph } from '../../src/graph/identifier-graph.js';
import { kindEvidenceByKind, kindWeightsByKind, weighIdentifiers } from '../../src/graph/identifier-weights.js';
import { makeSnapshot } from '../support/make-snapshot.js';
import { suiteDir } from '../support/temp-dir.js';

// The Spark job alone (local[2]) on a snapshot made to exercise the grouping rule: a hub (6
// accounts), a kind too weak to group (an IP), a duplicate link, and accounts with no link.
// A0 and A8 are known fraud; money moves A0 → A13, A5 → A8 (twice) and A0 → A3, and A3 pays a
// merchant; some accounts have a creation time and a country.
const accounts = Array.from({ length: 14 }, (_, i) => ({ id: `A${i}`, ...(i === 0 || i === 8 ? { label: 'fraud' as const } : {}), ...(i % 3 === 0 ? { created: `2026-01-0${1 + (i % 9)}T00:00:00Z` } : {}) }));
const snapshot = makeSnapshot({
  accounts,
  links: [
    ['A0', 'device', 'd1'], ['A3', 'device', 'd1'], ['A3', 'device', 'd1'],
    ['A3', 'card', 'c1'], ['A7', 'card', 'c1'],
    ['A1', 'device', 'd2'], ['A2', 'device', 'd2'],
    ['A4', 'ip', 'ip1'], ['A5', 'ip', 'ip1'], // weak: supports, never groups
    ['A8', 'card', 'c2'], ['A9', 'card', 'c2'], ['A10', 'card', 'c2'],
    ...['A0', 'A1', 'A4', 'A8', 'A11', 'A12'].map((a) => [a, 'address', 'locker'] as [string, string, string]), // a hub
  ],
  transactions: [['A0', 'A13', 'settled'], ['A5', 'A8', 'settled'], ['A5', 'A8', 'settled'], ['A3', '', 'chargeback'], ['A0', 'A3', 'settled']],
}); // prettier-ignore
const country = accounts.map((_, i) => (i % 2 === 0 ? 'NL' : 'PT'));
snapshot.accounts.properties.set('country', country);
const kindWeights = { device: 0.9, card: 0.8, ip: 0.001, address: 0.5 };
const rule = { hubMinAccounts: 5, linkMinShare: 0.005 };
const graph = buildIdentifierGraph(snapshot);
const weights = weighIdentifiers(snapshot, graph, { hubMinAccounts: rule.hubMinAccounts, kindWeights, linkMinShare: rule.linkMinShare, undilutedKinds: ['card'] });
const walkOptions = { restart: 0.3, iterations: 6 };
const fold = Uint8Array.from(accounts, (_, a) => a % 2);

const localRanks = () => proximityRanks(snapshot, graph, weights, indexTransactions(snapshot), fold, 2, walkOptions);
let out: string;
let measured: SparkMeasureResult;
let result: SparkJobResult;
beforeAll(async () => {
  const work = await suiteDir('fraud-rings-spark-job-');
  const parts = await writeParts(snapshot, identifierIds(snapshot, identifierIdKey('a card hashing key of some length')), join(work, 'parts'));
  out = join(work, 'out');
  const tool = await buildSparkTool();
  measured = await runSparkMeasure(tool, { master: 'local[2]', conf: {} }, { links: parts.links, out, scratch: join(work, 'scratch'), hubMinAccounts: rule.hubMinAccounts, kinds: snapshot.identifiers.kinds.length });
  result = await runSparkJob(
    tool,
    { master: 'local[2]', conf: {} },
    {
      links: parts.links,
      accounts: parts.accounts,
      identifierValues: parts.identifierValues,
      out,
      checkpoint: join(work, 'checkpoints'),
      scratch: join(work, 'scratch'),
      kindWeights: kindWeightsByKind(snapshot.identifiers.kinds, kindWeights),
      hubMinAccounts: rule.hubMinAccounts,
      linkMinWeight: weights.linkMinWeight,
      buckets: 4,
      walk: {
        transactions: parts.transactions,
        walkAccounts: await writeWalkAccounts(snapshot.accounts.label, snapshot.accounts.approved, fold, join(work, 'parts', 'walk-accounts')),
        ...kindEvidenceByKind(snapshot.identifiers.kinds, { kindWeights, undilutedKinds: ['card'] }),
        ...walkOptions,
        folds: 2,
      },
    },
  );
}, 600_000);

async function rowsUnder(dir: string): Promise<Array<Record<string, unknown> & { bucket?: number }>> {
  const rows: Array<Record<string, unknown> & { bucket?: number }> = [];
  for (const entry of (await readdir(dir, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name))) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      const bucket = Number(/^bucket=(\d+)$/.exec(entry.name)![1]);
      rows.push(...(await rowsUnder(path)).map((r) => ({ ...r, bucket })));
    } else if (entry.name.endsWith('.parquet')) rows.push(...(await parquetReadObjects({ file: await asyncBufferFromFile(path), compressors })));
  }
  return rows;
}

describe('the Spark job', () => {
  it('counts the same integer aggregates per kind as the local graph (its first pass)', () => {
    expect(measured.kinds).toEqual(measureKindAggregates(snapshot, graph, rule.hubMinAccounts));
    // the hub, and d1 counted once for A3 though the snapshot has it twice
    expect(measured.kinds[snapshot.identifiers.kinds.indexOf('address')]).toEqual({ accounts: 6, sharingAccounts: 0, hubs: 1, sharedSizes: [] });
    expect(measured.kinds[snapshot.identifiers.kinds.indexOf('device')]).toEqual({ accounts: 4, sharingAccounts: 4, hubs: 0, sharedSizes: [[2, 2]] });
    expect(measured.applicationId).toMatch(/^local-\d+$/);
  });

  it('finds the components union-find finds, with the same hub cut and grouping rule', async () => {
    const local = findComponents(graph, weights);
    const spark = await readComponents(join(out, 'components'), accounts.length);
    expect(Array.from(spark.componentOf)).toEqual(Array.from(local.componentOf));
    // A0–A3–A7 (device, card), A1–A2, A8–A9–A10; the hub and the IP tie nothing
    expect(local.count).toBe(accounts.length - 2 - 1 - 2);
    expect(result).toMatchObject({ master: 'local[2]', componentsAlgorithm: 'graphx', accounts: 14, components: local.count, identifiers: 6, hubs: 1, groupingIdentifiers: 4, identifierValues: 6, identifierCollisions: 0 });
    expect(result.applicationId).toMatch(/^local-\d+$/);
  });

  it('walks to known fraud with the same integer ranks as the local engine, folds apart', async () => {
    const local = localRanks();
    const spark = await readProximityRanks(join(out, 'proximity'), accounts.length);
    expect(Array.from(spark)).toEqual(Array.from(local));
    // fold 1 walks from A0 and A8 (both in fold 0): over shared identifiers (A3: A0's device; A7
    // through A3's card; A9: A8's card) and transfers (A5 paid A8, A13 was paid by A0), never over
    // the hub (A11 and A1 share only it with the seeds); fold 0 has no seed outside it (A0: 0)
    const at = (id: string) => spark[accounts.findIndex((a) => a.id === id)]!;
    for (const id of ['A3', 'A7', 'A9', 'A5', 'A13']) expect(at(id), id).toBeGreaterThan(0);
    for (const id of ['A11', 'A1', 'A0']) expect(at(id), id).toBe(0);
    expect(Number.isInteger(at('A3'))).toBe(true);
  });

  it('loads each bucket into a Snapshot: the whole snapshot\'s accounts, links and sent transactions of its accounts', async () => {
    const ranks = localRanks();
    const tuple = (s: Snapshot, p: number) => {
      const i = s.links.identifier[p]!;
      return [s.accounts.ids[s.links.account[p]!], s.identifiers.kinds[s.identifiers.kindOf[i]!], s.identifiers.values.at(i), s.links.firstSeen[p], s.links.lastSeen[p]].join('|');
    };
    const transfer = (s: Snapshot, r: number) => {
      const to = s.transactions.counterparty[r]!;
      return [s.accounts.ids[s.transactions.account[r]!], to < 0 ? null : s.accounts.ids[to], s.transactions.amount[r], s.transactions.status[r], s.transactions.createdAt[r]];
    };
    let seen = 0;
    for (const entry of (await readdir(join(out, 'buckets'))).filter((e) => e.startsWith('bucket=')).sort()) {
      const bucket = await readBucket(join(out, 'buckets', entry), snapshot.identifiers.kinds);
      const part = bucket.snapshot;
      const keys = Array.from(bucket.accountKeys);
      const inBucket = new Set(keys);
      seen += keys.length;
      expect(keys).toEqual([...keys].sort((x, y) => x - y));
      expect(part.accounts.ids).toEqual(keys.map((k) => snapshot.accounts.ids[k]));
      expect(Array.from(part.accounts.label)).toEqual(keys.map((k) => snapshot.accounts.label[k]));
      expect(Array.from(part.accounts.createdAt)).toEqual(keys.map((k) => snapshot.accounts.createdAt[k]));
      expect(part.accounts.properties.get('country')).toEqual(keys.map((k) => country[k]));
      expect(Array.from(bucket.proximityRanks)).toEqual(keys.map((k) => ranks[k]));

      const wholeLinks = Array.from(snapshot.links.account.keys()).filter((p) => inBucket.has(snapshot.links.account[p]!));
      expect(Array.from(part.links.account.keys(), (p) => tuple(part, p)).sort()).toEqual(wholeLinks.map((p) => tuple(snapshot, p)).sort());
      // each identifier carries the whole night's account count, hub flag, known-fraud users and
      // its index in the night, and the bucket numbers its identifiers in the night's order
      for (let i = 0; i < part.identifiers.values.length; i++) {
        const g = Array.from({ length: snapshot.identifiers.values.length }, (_, j) => j).find((j) => snapshot.identifiers.values.at(j) === part.identifiers.values.at(i) && snapshot.identifiers.kindOf[j] === part.identifiers.kindOf[i])!;
        const users = Array.from(graph.identifierAccounts.subarray(graph.identifierOffsets[g]!, graph.identifierOffsets[g + 1]!));
        expect(bucket.identifierAccounts[i]).toBe(users.length);
        expect(bucket.identifierHub[i]).toBe(weights.hub[g]);
        expect(bucket.identifierFraudAccounts[i]).toBe(users.filter((a) => snapshot.accounts.label[a] === 1).length);
        expect(bucket.identifierPlaces[i]).toBe(g);
        if (i > 0) expect(bucket.identifierPlaces[i]).toBeGreaterThan(bucket.identifierPlaces[i - 1]!);
      }
      // what its accounts sent, in the snapshot's order; a counterparty in another bucket is outside this one
      const wholeSent = Array.from(snapshot.transactions.account.keys()).filter((r) => inBucket.has(snapshot.transactions.account[r]!)).map((r) => transfer(snapshot, r));
      expect(Array.from(part.transactions.account.keys(), (r) => transfer(part, r))).toEqual(wholeSent.map(([from, to, ...rest]) => [from, typeof to === 'string' && inBucket.has(snapshot.accounts.ids.indexOf(to)) ? to : null, ...rest]));
    }
    expect(seen).toBe(accounts.length);
  });

  it('counts accounts per identifier once per account, and says which ones are hubs and which group', async () => {
    const rows = await rowsUnder(join(out, 'identifiers'));
    const byKind = (kind: string) => rows.filter((r) => r.kind === snapshot.identifiers.kinds.indexOf(kind)).map((r) => [Number(r.accounts), r.hub, r.groups]);
    expect(byKind('address')).toEqual([[6, true, false]]);
    expect(byKind('ip')).toEqual([[2, false, false]]);
    expect(byKind('device').sort()).toEqual([[2, false, true], [2, false, true]]); // d1's duplicate row is one link
  });

  it('writes a bucket per component: every account once, a component never split, each with its links', async () => {
    const rows = await rowsUnder(join(out, 'buckets'));
    expect(rows.map((r) => r.account_id).sort()).toEqual(accounts.map((a) => a.id).sort());
    const bucketOf = new Map<bigint, number>();
    for (const row of rows) {
      const component = row.component as bigint;
      expect(bucketOf.get(component) ?? row.bucket).toBe(row.bucket);
      bucketOf.set(component, row.bucket!);
      expect(row.bucket).toBeGreaterThanOrEqual(0);
      expect(row.bucket).toBeLessThan(4);
    }
    // A3's links: d1 twice (as the snapshot has it) and c1, sorted; A13 has none
    const a3 = rows.find((r) => r.account_id === 'A3')!;
    expect((a3.links as Array<{ kind: number }>).map((l) => snapshot.identifiers.kinds[l.kind]).sort()).toEqual(['card', 'device', 'device']);
    expect(rows.find((r) => r.account_id === 'A13')!.links ?? []).toEqual([]);
  });
});
