import { isLuhnValid } from '../../src/normalise/card-number.js';
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { tableFromIPC } from 'apache-arrow';
import Papa from 'papaparse';
import { beforeAll, describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import { generateSnapshot, type GenerateSummary } from '../../src/generate/generate-snapshot.js';
import { createNormaliser, defaultPlaceholders } from '../../src/normalise/normalise-identifier.js';
import { loadSnapshot } from '../../src/snapshot/load-snapshot.js';
import { RejectsFile } from '../../src/snapshot/rejects.js';
import { tempDir } from '../support/temp-dir.js';

const normalise = createNormaliser({ placeholders: defaultPlaceholders, panHashKey: 'test-key', defaultCountryCode: '44' });
/** The pipeline's default hub threshold: identifiers shared by this many accounts never link. */
const HUB = 30;

async function csvRecords(path: string): Promise<Array<Record<string, string>>> {
  return Papa.parse<Record<string, string>>(await readFile(path, 'utf8'), { header: true, skipEmptyLines: true }).data;
}

async function filesOf(dir: string): Promise<Map<string, Buffer>> {
  const out = new Map<string, Buffer>();
  for (const name of (await readdir(dir)).sort()) out.set(name, await readFile(join(dir, name)));
  return out;
}

describe('generateSnapshot determinism', () => {
  it('writes identical bytes for the same seed and different bytes for another', async () => {
    const [a, b, c] = [await tempDir(), await tempDir(), await tempDir()];
    await generateSnapshot({ accounts: 3000, seed: 5, out: a });
    await generateSnapshot({ accounts: 3000, seed: 5, out: b });
    await generateSnapshot({ accounts: 3000, seed: 6, out: c });
    const [fa, fb, fc] = [await filesOf(a), await filesOf(b), await filesOf(c)];
    expect([...fa.keys()]).toEqual(['accounts.csv', 'identifiers.csv', 'labels.csv', 'transactions.csv', 'truth.csv']);
    for (const [name, bytes] of fa) {
      expect(bytes.equals(fb.get(name)!), name).toBe(true);
      expect(bytes.equals(fc.get(name)!), name).toBe(false);
    }
  });

  it('matches the committed sample (data-samples/sample is --accounts 2000 --seed 7)', async () => {
    const out = await tempDir();
    await generateSnapshot({ accounts: 2000, seed: 7, out });
    const sample = join(import.meta.dirname, '../../data-samples/sample');
    const [fresh, committed] = [await filesOf(out), await filesOf(sample)];
    for (const [name, bytes] of fresh) expect(bytes.equals(committed.get(name) ?? Buffer.alloc(0)), `${name} is stale: regenerate the sample`).toBe(true);
  });

  it('refuses bad options and a folder holding another format', async () => {
    const out = await tempDir();
    await expect(generateSnapshot({ accounts: 10, seed: 1, out })).rejects.toThrow(UserError);
    await expect(generateSnapshot({ accounts: 1000, seed: 1.5, out })).rejects.toThrow(UserError);
    await generateSnapshot({ accounts: 200, seed: 1, out, format: 'ndjson' });
    await expect(generateSnapshot({ accounts: 200, seed: 1, out, format: 'csv' })).rejects.toThrow(/another format/);
  });
});

describe('generated snapshot structure', () => {
  const accounts = 20_000;
  let summary: GenerateSummary;
  let truth: Map<string, string>;
  let rows: Array<Record<string, string>>;
  let transactions: Array<Record<string, string>>;
  let labels: Array<Record<string, string>>;
  /** kind + normalised value → accounts using it */
  const users = new Map<string, Set<string>>();
  const keysOf = new Map<string, string[]>();
  let placeholderRows = 0;

  beforeAll(async () => {
    const out = await tempDir();
    summary = await generateSnapshot({ accounts, seed: 3, out });
    truth = new Map((await csvRecords(summary.files.truth)).map((r) => [r.account_id!, r.ring_id!]));
    rows = await csvRecords(summary.files.identifiers);
    transactions = await csvRecords(summary.files.transactions!);
    labels = await csvRecords(summary.files.labels!);
    for (const r of rows) {
      const n = normalise(r.kind!, r.value!);
      if (n === null) {
        placeholderRows++;
        continue;
      }
      const key = `${r.kind}\u0000${n.value}`;
      if (!users.has(key)) users.set(key, new Set());
      users.get(key)!.add(r.account_id!);
      keysOf.set(r.account_id!, [...(keysOf.get(r.account_id!) ?? []), key]);
    }
  });

  const honest = (account: string): boolean => truth.get(account) === '';
  const shared = (kind: string, min: number, max = Infinity) =>
    [...users].filter(([key, s]) => key.startsWith(`${kind}\u0000`) && s.size >= min && s.size <= max).map(([, s]) => [...s]);

  it('has the sizes it reports', () => {
    expect(truth.size).toBe(accounts);
    expect(rows.length).toBe(summary.identifierRows);
    expect(summary.identifierRows / accounts).toBeGreaterThan(5.5);
    expect(summary.identifierRows / accounts).toBeLessThan(6.2);
    expect(summary.transactions / accounts).toBeLessThanOrEqual(2);
  });

  it('puts about 3 % of accounts in rings', () => {
    const ringAccounts = [...truth.values()].filter((r) => r !== '').length;
    expect(ringAccounts).toBe(summary.ringAccounts);
    expect(ringAccounts / accounts).toBeCloseTo(0.03, 3);
    expect(new Set([...truth.values()].filter((r) => r !== '')).size).toBe(summary.rings);
  });

  it('has households: honest accounts sharing one address, spelled their own ways', () => {
    const households = shared('address', 2, 5).filter((list) => list.every(honest));
    expect(households.length).toBeGreaterThan(1000);
    const spellings = rows.filter((r) => r.kind === 'address' && r.account_id === households[0]![0]);
    expect(spellings.length).toBeGreaterThan(0);
  });

  it('has honest hubs shared by 50 or more accounts, addresses and IPs among them', () => {
    const hubs = [...users].filter(([, s]) => s.size >= 50);
    const kinds = new Set(hubs.map(([key]) => key.split('\u0000')[0]));
    expect(kinds).toContain('address');
    expect(kinds).toContain('ip');
    expect(kinds).toContain('device');
    for (const [, s] of hubs) expect([...s].filter(honest).length / s.size).toBeGreaterThan(0.7);
  });

  it('has placeholders on about 1 % of rows, across many accounts', () => {
    expect(placeholderRows / rows.length).toBeGreaterThan(0.005);
    expect(placeholderRows / rows.length).toBeLessThan(0.015);
    const values = new Set(rows.filter((r) => normalise(r.kind!, r.value!) === null).map((r) => r.value));
    for (const v of ['unknown', 'N/A', '', '0000000000', '00000000-0000-0000-0000-000000000000', 'test@test.com']) expect(values).toContain(v);
  });

  it('has raw Luhn-valid card numbers among mostly opaque tokens', () => {
    const cards = rows.filter((r) => r.kind === 'payment_instrument');
    const raw = cards.map((r) => r.value!.replace(/[ -]/g, '')).filter((v) => /^\d{16}$/.test(v));
    expect(raw.length / cards.length).toBeGreaterThan(0.06);
    expect(raw.length / cards.length).toBeLessThan(0.14);
    for (const pan of raw) expect(isLuhnValid(pan), pan).toBe(true);
    expect(cards.filter((r) => r.value!.startsWith('tok_') || r.value!.startsWith('pm_')).length / cards.length).toBeGreaterThan(0.8);
  });

  it('connects each ring through identifiers only rings use, none covering a whole ring of five or more', () => {
    const rings = new Map<string, string[]>();
    for (const [account, ring] of truth) if (ring !== '') rings.set(ring, [...(rings.get(ring) ?? []), account]);
    let coveringWholeRing = 0;
    for (const members of rings.values()) {
      const inRing = new Set(members);
      const parent = new Map(members.map((m) => [m, m]));
      const find = (x: string): string => (parent.get(x) === x ? x : find(parent.get(x)!));
      const keys = new Set(members.flatMap((m) => keysOf.get(m) ?? []));
      for (const key of keys) {
        const all = [...users.get(key)!];
        if (all.length >= HUB || all.some(honest)) continue;
        const here = all.filter((a) => inRing.has(a));
        for (const m of here) parent.set(find(m), find(here[0]!));
      }
      expect(new Set(members.map(find)).size).toBe(1);
      if (members.length >= 5) {
        for (const key of keys) if ([...users.get(key)!].filter((a) => inRing.has(a)).length === members.length) coveringWholeRing++;
      }
    }
    expect(coveringWholeRing).toBe(0);
  });

  it('gives rings chargebacks and internal transfers, and labels a minority of ring members', () => {
    const rate = (ring: boolean) => {
      const mine = transactions.filter((t) => honest(t.account_id!) !== ring && t.counterparty_id === '');
      return mine.filter((t) => t.status === 'chargeback').length / mine.length;
    };
    expect(rate(false)).toBeLessThan(0.01);
    expect(rate(true)).toBeGreaterThan(0.1);
    const internal = transactions.filter((t) => t.counterparty_id !== '' && truth.get(t.account_id!) !== '' && truth.get(t.account_id!) === truth.get(t.counterparty_id!));
    expect(internal.length).toBeGreaterThan(summary.rings / 2);

    const fraud = labels.filter((l) => l.label === 'fraud');
    const ringFraud = fraud.filter((l) => !honest(l.account_id!));
    expect(ringFraud.length / fraud.length).toBeGreaterThan(0.8);
    expect(ringFraud.length / summary.ringAccounts).toBeLessThan(0.15);
    expect(labels.filter((l) => l.label === 'legit').every((l) => honest(l.account_id!))).toBe(true);
  });
});

describe('generated formats', () => {
  it('writes the same tables as CSV, NDJSON and Arrow, and the pipeline loads each without rejects', async () => {
    const loaded = [];
    const tables = new Map<string, unknown[][]>();
    for (const format of ['csv', 'ndjson', 'arrow'] as const) {
      const out = await tempDir();
      const summary = await generateSnapshot({ accounts: 1500, seed: 9, out, format });
      const identifiers = await readBack(summary.files.identifiers, format);
      const transactions = await readBack(summary.files.transactions!, format);
      if (tables.size === 0) {
        tables.set('identifiers', identifiers);
        tables.set('transactions', transactions);
      } else {
        expect(identifiers).toEqual(tables.get('identifiers'));
        expect(transactions).toEqual(tables.get('transactions'));
      }
      const rejects = new RejectsFile(join(await tempDir(), 'rejects.csv'));
      const snapshot = await loadSnapshot(out, { normalise, rejects, maxRejectShare: 0 });
      await rejects.close();
      loaded.push(snapshot.tables.map((t) => [t.table, t.format, t.rowsRead, t.rowsRejected]));
      expect(snapshot.tables.every((t) => t.rowsRejected === 0)).toBe(true);
      expect(snapshot.accounts.ids.length).toBe(1500);
    }
    const rowsRead = loaded.map((tablesOfFormat) => tablesOfFormat.map(([table, , read]) => `${table}:${read}`).join(' '));
    expect(new Set(rowsRead).size).toBe(1);
  });
});

/** Rows as arrays of text (money as a number), whatever the format. */
async function readBack(path: string, format: 'csv' | 'ndjson' | 'arrow'): Promise<unknown[][]> {
  const money = (k: string, v: unknown) => (k === 'amount' ? Number(v) : v);
  if (format === 'csv') return (await csvRecords(path)).map((r) => Object.entries(r).map(([k, v]) => money(k, v)));
  if (format === 'ndjson') {
    return (await readFile(path, 'utf8'))
      .trimEnd()
      .split('\n')
      .map((line) => Object.entries(JSON.parse(line) as Record<string, unknown>).map(([k, v]) => money(k, v)));
  }
  const table = tableFromIPC(await readFile(path));
  if (table.schema.fields.some((f) => f.name === 'amount')) expect(String(table.schema.fields.find((f) => f.name === 'amount')!.type)).toBe('Float64');
  return table.toArray().map((row) => Object.entries(row.toJSON() as Record<string, unknown>).map(([k, v]) => money(k, v)));
}

