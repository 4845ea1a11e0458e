import { describe, expect, it } from 'vitest';
import { MASS_UNIT, outWeightOf, proximityFromRanks, proximityRanks, proximityToKnownFraud } from '../../src/detect/proximity.js';
import type { Snapshot } from '../../src/snapshot/snapshot.js';
import { prepare } from '../support/detection-input.js';
import { makeSnapshot, type SnapshotSpec } from '../support/make-snapshot.js';

const options = { restart: 0.3, iterations: 8 };

/** Proximity of each account by id, with the folds given by id (accounts not named are in fold 1). */
function proximityOf(spec: SnapshotSpec, folds: Record<string, number>, hubMinAccounts = 4): Record<string, number> {
  const snapshot: Snapshot = makeSnapshot(spec);
  const { input } = prepare(snapshot, hubMinAccounts);
  const fold = Uint8Array.from(snapshot.accounts.ids, (id) => folds[id] ?? 1);
  const proximity = proximityToKnownFraud(snapshot, input.graph, input.weights, input.transactions, fold, 2, options);
  return Object.fromEntries(snapshot.accounts.ids.map((id, a) => [id, proximity[a]!]));
}

describe('proximityToKnownFraud', () => {
  // F is known fraud. N shares F's card, M shares a device with N, Far a phone with M; Iso shares
  // nothing; H shares only a public IP (a hub) with F; T received money from F
  const chain: SnapshotSpec = {
    accounts: [{ id: 'F', label: 'fraud' }, { id: 'N' }, { id: 'M' }, { id: 'Far' }, { id: 'Iso' }, { id: 'H' }, { id: 'X1' }, { id: 'X2' }, { id: 'T' }],
    links: [
      ['F', 'payment_instrument', 'card'], ['N', 'payment_instrument', 'card'],
      ['N', 'device', 'd1'], ['M', 'device', 'd1'],
      ['M', 'phone', 'p1'], ['Far', 'phone', 'p1'],
      ['Iso', 'device', 'own'],
      ['F', 'ip', 'public'], ['H', 'ip', 'public'], ['X1', 'ip', 'public'], ['X2', 'ip', 'public'],
    ],
    transactions: [['F', 'T', 'settled']],
  };

  it('is higher the closer an account is linked to known fraud, and zero for accounts not linked', () => {
    const p = proximityOf(chain, { F: 0 });
    expect(p.N!).toBeGreaterThan(p.M!);
    expect(p.M!).toBeGreaterThan(p.Far!);
    expect(p.Far!).toBeGreaterThan(0);
    expect(p.Iso).toBe(0);
  });

  it('walks over transfers but never through a hub', () => {
    const p = proximityOf(chain, { F: 0 });
    expect(p.T!).toBeGreaterThan(0);
    expect(p.H).toBe(0);
    expect(p.X1).toBe(0);
  });

  it('is zero everywhere without known fraud', () => {
    const unlabelled = { ...chain, accounts: chain.accounts.map(({ id }) => ({ id })) };
    expect(Object.values(proximityOf(unlabelled, { F: 0 })).every((x) => x === 0)).toBe(true);
  });

  it('takes an account\'s proximity only from known fraud in other folds', () => {
    // with N in F's fold, F's label does not reach N (nor F itself); it still reaches M in the other fold
    const p = proximityOf(chain, { F: 0, N: 0 });
    expect(p.F).toBe(0);
    expect(p.N).toBe(0);
    expect(p.M!).toBeGreaterThan(0);
  });

  it('does not let an account\'s own label feed its own proximity', () => {
    // L1 and L2 share a device; L2 is known fraud in the other fold. Labelling L1 too changes
    // nothing of L1's own proximity, though it does reach L2
    const accounts = (l1: 'fraud' | undefined) => [{ id: 'L1', label: l1 }, { id: 'L2', label: 'fraud' as const }, { id: 'U' }];
    const links: SnapshotSpec['links'] = [['L1', 'device', 'd'], ['L2', 'device', 'd'], ['U', 'email', 'e'], ['L1', 'email', 'e']];
    const folds = { L1: 0, L2: 1, U: 0 };
    const unlabelled = proximityOf({ accounts: accounts(undefined), links }, folds);
    const labelled = proximityOf({ accounts: accounts('fraud'), links }, folds);
    expect(unlabelled.L1!).toBeGreaterThan(0);
    expect(labelled.L1).toBe(unlabelled.L1);
    expect(labelled.U).toBe(unlabelled.U);
    expect(unlabelled.L2).toBe(0);
    expect(labelled.L2!).toBeGreaterThan(0);
  });
});

describe('proximityRanks', () => {
  // 300 accounts over 120 devices and 60 cards (a seeded draw), every tenth one known fraud, and
  // transfers between neighbours; the same snapshot twice, its rows in two orders, so identifiers
  // are numbered and added up in a different order
  function world(reversed: boolean): Snapshot {
    let state = 7;
    const next = (n: number) => ((state = (state * 1103515245 + 12345) % 2147483648), state % n);
    const accounts = Array.from({ length: 300 }, (_, i) => ({ id: `A${String(i).padStart(3, '0')}`, ...(i % 10 === 0 ? { label: 'fraud' as const } : {}) }));
    const links: SnapshotSpec['links'] = [];
    for (const { id } of accounts) {
      links.push([id, 'device', `d${next(120)}`], [id, 'payment_instrument', `c${next(60)}`]);
      if (next(3) === 0) links.push([id, 'device', `d${next(120)}`]);
    }
    const transactions: NonNullable<SnapshotSpec['transactions']> = accounts.slice(1).map(({ id }, i) => [accounts[i]!.id, id, 'settled']);
    return makeSnapshot({ accounts, links: reversed ? [...links].reverse() : links, transactions: reversed ? [...transactions].reverse() : transactions });
  }

  function ranksOf(snapshot: Snapshot): Float64Array {
    const { input } = prepare(snapshot, 30);
    const fold = Uint8Array.from(snapshot.accounts.ids, (_, a) => a % 3);
    return proximityRanks(snapshot, input.graph, input.weights, input.transactions, fold, 3, options);
  }

  it('counts whole mass units, the same to the bit whatever order the identifiers are numbered and added in', () => {
    const forward = ranksOf(world(false));
    const backward = ranksOf(world(true));
    expect(forward.every((r) => Number.isInteger(r))).toBe(true);
    expect(forward.filter((r) => r > 0).length).toBeGreaterThan(100);
    expect(Buffer.from(backward.buffer).equals(Buffer.from(forward.buffer))).toBe(true);
  });

  it('never hands out more mass than the seeds start with', () => {
    // every fold's walk starts from one unit of mass per fold; its ranks are a part of it
    const ranks = ranksOf(world(false));
    expect(ranks.reduce((s, r) => s + r, 0)).toBeLessThanOrEqual(3 * MASS_UNIT);
  });
});

describe('proximityFromRanks', () => {
  it('is ln(1 + 100 · rank per seed) capped at 5, from the restart count of the account\'s own fold', () => {
    // two seeds, both in fold 0: fold 1's walk restarts at 2 accounts, fold 0's at none
    const label = Int8Array.from([1, 1, 0, 0]);
    const fold = Uint8Array.from([0, 0, 1, 1]);
    const ranks = Float64Array.from([0, 0, MASS_UNIT / 1000, MASS_UNIT]);
    const p = proximityFromRanks(ranks, label, fold, 2);
    expect(p[2]).toBe(Math.log1p(100 * (1 / 1000) * 2));
    expect(p[3]).toBe(5);
    expect(p[0]).toBe(0);
  });
});

describe('outWeightOf', () => {
  it('sums the evidence in ascending order, so any order of the same values gives the same double', () => {
    const values = [0.1, 0.7, 1e-9, 0.3, 2.2, 1e-9, 0.2];
    const reference = outWeightOf([...values], 3);
    for (let shift = 1; shift < values.length; shift++) expect(outWeightOf([...values.slice(shift), ...values.slice(0, shift)], 3)).toBe(reference);
    expect(reference).toBeCloseTo(values.reduce((s, x) => s + x, 0) + 3 * 0.7, 12);
  });
});
