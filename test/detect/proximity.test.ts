import { describe, expect, it } from 'vitest';
import { proximityToKnownFraud } from '../../src/detect/proximity.js';
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
