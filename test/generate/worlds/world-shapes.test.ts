import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { reachableMembers } from '../../../src/evaluate/reachable-members.js';
import { readTruth, type Truth } from '../../../src/evaluate/truth.js';
import { generateSnapshot } from '../../../src/generate/generate-snapshot.js';
import { worlds } from '../../../src/generate/worlds/world-catalog.js';
import { worldNames, type WorldName } from '../../../src/generate/worlds/world-spec.js';
import { createNormaliser, defaultPlaceholders } from '../../../src/normalise/normalise-identifier.js';
import { loadSnapshot } from '../../../src/snapshot/load-snapshot.js';
import { RejectsFile } from '../../../src/snapshot/rejects.js';
import type { Snapshot } from '../../../src/snapshot/snapshot.js';
import { tempDir } from '../../support/temp-dir.js';
import { worldSnapshot } from '../../support/world-snapshot.js';

const normalise = createNormaliser({ placeholders: defaultPlaceholders, panHashKey: 'test-key', defaultCountryCode: '44' });
/** The pipeline's default hub size. */
const HUB = 30;

interface Loaded {
  dir: string;
  snapshot: Snapshot;
  truth: Truth;
  /** truth index per snapshot account */
  truthOf: Int32Array;
  /** distinct accounts per identifier */
  accountsOf: Map<number, number[]>;
}

const loaded = new Map<WorldName, Promise<Loaded>>();
function load(world: WorldName): Promise<Loaded> {
  let l = loaded.get(world);
  if (!l) {
    l = (async () => {
      const { dir, truth: truthPath } = await worldSnapshot(world);
      const rejects = new RejectsFile(join(await tempDir(), 'rejects.csv'));
      const snapshot = await loadSnapshot(dir, { normalise, rejects, maxRejectShare: 0.05 });
      await rejects.close();
      const truth = await readTruth(truthPath);
      const truthOf = Int32Array.from(snapshot.accounts.ids, (id) => truth.index.get(id)!);
      const accountsOf = new Map<number, number[]>();
      for (let k = 0; k < snapshot.links.account.length; k++) {
        const i = snapshot.links.identifier[k]!;
        const a = snapshot.links.account[k]!;
        const list = accountsOf.get(i) ?? [];
        if (!list.includes(a)) list.push(a);
        accountsOf.set(i, list);
      }
      return { dir, snapshot, truth, truthOf, accountsOf };
    })();
    loaded.set(world, l);
  }
  return l;
}

const spec = (world: WorldName) => worlds[world];
const header = async (path: string): Promise<string[]> => (await readFile(path, 'utf8')).split('\n', 1)[0]!.split(',');
const ringOf = (l: Loaded, account: number): number => l.truth.ringOf[l.truthOf[account]!]!;
const kindOf = (l: Loaded, identifier: number): string => l.snapshot.identifiers.kinds[l.snapshot.identifiers.kindOf[identifier]!]!;
const ringAccounts = (l: Loaded): number => l.truth.ringSizes.reduce((a, b) => a + b, 0);

function largestComponentShare(l: Loaded): number {
  const n = l.snapshot.accounts.ids.length;
  const parent = Int32Array.from({ length: n }, (_, i) => i);
  const find = (x: number): number => {
    while (parent[x] !== x) x = parent[x] = parent[parent[x]!]!;
    return x;
  };
  for (const accounts of l.accountsOf.values()) {
    if (accounts.length >= HUB) continue;
    for (const a of accounts) parent[find(a)] = find(accounts[0]!);
  }
  const size = new Map<number, number>();
  for (let a = 0; a < n; a++) size.set(find(a), (size.get(find(a)) ?? 0) + 1);
  return Math.max(...size.values()) / n;
}

async function csvRecords(path: string): Promise<Array<Record<string, string>>> {
  return Papa.parse<Record<string, string>>(await readFile(path, 'utf8'), { header: true, skipEmptyLines: true }).data;
}

describe('every world', () => {
  it.each(worldNames)('%s writes exactly its tables, columns and kinds, and plants connected rings', async (world) => {
    const spec = worlds[world];
    const l = await load(world);
    const files = (await readdir(l.dir)).sort();
    const expected = ['accounts.csv', 'identifiers.csv', ...(spec.tables.labels ? ['labels.csv'] : []), ...(spec.tables.transactions ? ['transactions.csv'] : []), 'truth.csv'];
    expect(files).toEqual(expected);
    expect(await header(join(l.dir, 'accounts.csv'))).toEqual(spec.columns.accounts);
    expect(await header(join(l.dir, 'identifiers.csv'))).toEqual(spec.columns.identifiers);
    expect([...l.snapshot.identifiers.kinds].sort()).toEqual([...spec.kinds].sort());
    // Fraud is about 0.5-7 % of accounts, and nearly every ring member is reachable through
    // non-hub identifiers (fraudsters working alone are in no ring).
    const share = l.truth.fraudAccounts / l.snapshot.accounts.ids.length;
    expect(share).toBeGreaterThan(0.005);
    expect(share).toBeLessThan(0.07);
    const reach = reachableMembers(l.snapshot, l.truth, HUB);
    expect(reach.count / ringAccounts(l)).toBeGreaterThan(0.9);
  });

  it.each(worldNames)('%s is deterministic in the seed', async (world) => {
    const [a, b, c] = [await tempDir(), await tempDir(), await tempDir()];
    await generateSnapshot({ accounts: 1000, seed: 21, out: a, world });
    await generateSnapshot({ accounts: 1000, seed: 21, out: b, world });
    await generateSnapshot({ accounts: 1000, seed: 22, out: c, world });
    for (const name of await readdir(a)) {
      const [x, y, z] = await Promise.all([a, b, c].map((dir) => readFile(join(dir, name))));
      expect(x!.equals(y!), name).toBe(true);
      // A bare list of account ids (p2p-real's accounts.csv) is the same for every seed.
      if (spec(world).columns.accounts.length > 1 || name !== 'accounts.csv') expect(x!.equals(z!), name).toBe(false);
    }
  });

  it('refuses a folder holding a table the world does not have', async () => {
    const out = await tempDir();
    await generateSnapshot({ accounts: 200, seed: 1, out });
    await expect(generateSnapshot({ accounts: 200, seed: 1, out, world: 'identity-only' })).rejects.toThrow(/labels.csv, transactions.csv, which world identity-only does not have/);
  });
});

describe('identity-only', () => {
  it('gives every account one phone and one national ID; rings of 2-6 share them, honest national IDs never', async () => {
    const l = await load('identity-only');
    expect(Math.min(...l.truth.ringSizes)).toBe(2);
    expect(Math.max(...l.truth.ringSizes)).toBe(6);
    const rows = await csvRecords(join(l.dir, 'identifiers.csv'));
    const per = new Map<string, { phone: number; national_id: number }>();
    for (const r of rows) {
      const p = per.get(r.account_id!) ?? { phone: 0, national_id: 0 };
      if (r.kind === 'phone' || r.kind === 'national_id') p[r.kind]++;
      per.set(r.account_id!, p);
    }
    const one = [...per.values()].filter((p) => p.phone === 1 && p.national_id === 1).length;
    expect(one / l.snapshot.accounts.ids.length).toBeGreaterThan(0.95);

    let ringNationalIds = 0;
    let honestPhones = 0;
    let singleValueRings = 0;
    const valuesPerRing = new Map<number, number>();
    for (const [identifier, accounts] of l.accountsOf) {
      if (accounts.length < 2) continue;
      const rings = new Set(accounts.map((a) => ringOf(l, a)));
      if (kindOf(l, identifier) === 'national_id') {
        expect(rings.has(-1), 'an honest account shares a national ID').toBe(false);
        ringNationalIds++;
      }
      if (kindOf(l, identifier) === 'phone' && accounts.every((a) => ringOf(l, a) === -1)) honestPhones++;
      for (const ring of rings) if (ring >= 0) valuesPerRing.set(ring, (valuesPerRing.get(ring) ?? 0) + 1);
    }
    for (const n of valuesPerRing.values()) if (n === 1) singleValueRings++;
    expect(ringNationalIds).toBeGreaterThan(20);
    // honest people seldom share, but some do: a family phone, a mistyped number
    expect(honestPhones).toBeGreaterThan(3);
    expect(singleValueRings).toBeGreaterThan(10);
  });
});

describe('household-p2p', () => {
  it('has households sharing devices and cards and paying each other in cycles, and half the fraudsters labelled', async () => {
    const l = await load('household-p2p');
    const n = l.snapshot.accounts.ids.length;
    const honestSharing = new Set<number>();
    for (const [identifier, accounts] of l.accountsOf) {
      if (accounts.length < 2 || accounts.length >= HUB || !['device', 'payment_instrument'].includes(kindOf(l, identifier))) continue;
      if (accounts.every((a) => ringOf(l, a) === -1)) for (const a of accounts) honestSharing.add(a);
    }
    expect(honestSharing.size / n).toBeGreaterThan(0.3);
    // transfers between honest accounts that go both ways (a cycle of two at least)
    const { account, counterparty } = l.snapshot.transactions;
    const edges = new Set<string>();
    for (let k = 0; k < account.length; k++) if (counterparty[k]! >= 0) edges.add(`${account[k]}>${counterparty[k]}`);
    let back = 0;
    for (const e of edges) {
      const [from, to] = e.split('>').map(Number) as [number, number];
      if (ringOf(l, from) === -1 && edges.has(`${to}>${from}`)) back++;
    }
    expect(back).toBeGreaterThan(100);
    let labelled = 0;
    for (let a = 0; a < n; a++) if (ringOf(l, a) >= 0 && l.snapshot.accounts.label[a] === 1) labelled++;
    expect(labelled / ringAccounts(l)).toBeGreaterThan(0.3);
    expect(labelled / ringAccounts(l)).toBeLessThan(0.7);
  });
});

describe('slow-quiet', () => {
  it('plants rings that sign up over months, many quiet and most unlabelled', async () => {
    const l = await load('slow-quiet');
    const created = l.snapshot.accounts.createdAt;
    const spans: number[] = [];
    const labelled = new Set<number>();
    const loud = new Set<number>();
    const members = new Map<number, number[]>();
    for (let a = 0; a < l.snapshot.accounts.ids.length; a++) {
      const ring = ringOf(l, a);
      if (ring < 0) continue;
      members.set(ring, [...(members.get(ring) ?? []), a]);
      if (l.snapshot.accounts.label[a] === 1) labelled.add(ring);
    }
    const { account, counterparty, status } = l.snapshot.transactions;
    for (let k = 0; k < account.length; k++) {
      const ring = ringOf(l, account[k]!);
      if (ring >= 0 && (status[k] === 2 || (counterparty[k]! >= 0 && ringOf(l, counterparty[k]!) === ring))) loud.add(ring);
    }
    for (const list of members.values()) {
      const times = list.map((a) => created[a]!);
      spans.push((Math.max(...times) - Math.min(...times)) / 86_400_000);
    }
    spans.sort((a, b) => a - b);
    expect(spans[Math.floor(spans.length / 2)]!).toBeGreaterThan(30);
    expect(1 - loud.size / members.size).toBeGreaterThan(0.35);
    expect(1 - labelled.size / members.size).toBeGreaterThan(0.55);
  });
});

describe('look-alikes', () => {
  it('has honest groups signing up on one day and sharing an office IP below the hub size', async () => {
    const l = await load('look-alikes');
    const created = l.snapshot.accounts.createdAt;
    let bursts = 0;
    for (const [identifier, accounts] of l.accountsOf) {
      if (kindOf(l, identifier) !== 'ip' || accounts.length < 8 || accounts.length >= HUB) continue;
      if (accounts.some((a) => ringOf(l, a) >= 0)) continue;
      const days = accounts.map((a) => Math.floor(created[a]! / 86_400_000)).sort((x, y) => x - y);
      const sameDay = days.filter((d) => d === days[Math.floor(days.length / 2)]).length;
      if (sameDay >= accounts.length / 2) bursts++;
    }
    expect(bursts).toBeGreaterThan(2);
  });
});

describe('noisy-labels', () => {
  it('labels some honest accounts fraud and some fraudsters legit', async () => {
    const l = await load('noisy-labels');
    let honestFraud = 0;
    let ringLegit = 0;
    for (let a = 0; a < l.snapshot.accounts.ids.length; a++) {
      if (ringOf(l, a) === -1 && l.snapshot.accounts.label[a] === 1) honestFraud++;
      if (ringOf(l, a) >= 0 && l.snapshot.accounts.label[a] === -1) ringLegit++;
    }
    expect(honestFraud).toBeGreaterThan(4);
    expect(ringLegit).toBeGreaterThan(2);
  });
});

describe('giant-component', () => {
  it('joins at least 90 % of accounts into one component through IPs that are no hubs, with rings of 5-9', async () => {
    const l = await load('giant-component');
    expect(largestComponentShare(l)).toBeGreaterThanOrEqual(0.9);
    expect(Math.min(...l.truth.ringSizes)).toBeGreaterThanOrEqual(5);
    expect(Math.max(...l.truth.ringSizes)).toBeLessThanOrEqual(9);
    // Without IPs there is no giant component: it is the carrier pool that makes it.
    const withoutIps: Loaded = { ...l, accountsOf: new Map([...l.accountsOf].filter(([i]) => kindOf(l, i) !== 'ip')) };
    expect(largestComponentShare(withoutIps)).toBeLessThan(0.1);
  });

  it('is not tied together by today\'s world', async () => {
    expect(largestComponentShare(await load('current'))).toBeLessThan(0.2);
  });
});
