import type { Truth } from '../../../src/evaluate/truth.js';
import type { Snapshot } from '../../../src/snapshot/snapshot.js';

/**
 * The aggregates issue 28 gives for a real P2P export, measured the same way on a loaded
 * snapshot: groups are connected components over shared cards and devices, identifiers of
 * `hubMinAccounts` or more accounts left out.
 */
export interface P2pAggregates {
  users: number;
  cardsPerUser: Quantiles;
  devicesPerUser: Quantiles;
  /** Share of users sharing a card (a device) with another user. */
  sharingCard: number;
  sharingDevice: number;
  /** Cards (devices) used by exactly 2, exactly 3, and 4 or more users. */
  cardsBy: [number, number, number];
  devicesBy: [number, number, number];
  /** Over pairs of users sharing at least one card: how many cards each pair shares. */
  cardsPerPair: Quantiles;
  /** Share of users in groups of 2 or more. */
  grouped: number;
  /** Groups by size: index 2..6 exact, largest separately. */
  groupSizes: Map<number, number>;
  largestGroup: number;
  /** Transfers between members of one group, as a share of all transfers between users. */
  inGroupTransfers: number;
  /** Of the ordered member pairs that transfer inside a group, the share that also transfer back. */
  bothWays: number;
  fraudRate: number;
  fraudInGroups: number;
  fraudAlone: number;
  /** Groups by fraudsters in them: none, one, two or more. */
  groupsByFraud: [number, number, number];
  /** Share of fraud accounts carrying a fraud label. */
  labelledFraud: number;
}

export interface Quantiles {
  median: number;
  p90: number;
  p99: number;
  max: number;
}

function quantiles(values: number[]): Quantiles {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number): number => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  return { median: at(0.5), p90: at(0.9), p99: at(0.99), max: sorted[sorted.length - 1]! };
}

export function p2pAggregates(snapshot: Snapshot, truth: Truth, hubMinAccounts: number): P2pAggregates {
  const n = snapshot.accounts.ids.length;
  const kinds = snapshot.identifiers.kinds;
  const kindOf = snapshot.identifiers.kindOf;
  const fraud = Uint8Array.from(snapshot.accounts.ids, (id) => truth.fraud[truth.index.get(id)!]!);

  // distinct accounts per identifier, and identifiers per account
  const accountsOf = new Map<number, number[]>();
  for (let k = 0; k < snapshot.links.account.length; k++) {
    const i = snapshot.links.identifier[k]!;
    const a = snapshot.links.account[k]!;
    const list = accountsOf.get(i);
    if (list === undefined) accountsOf.set(i, [a]);
    else if (!list.includes(a)) list.push(a);
  }
  const cards = new Int32Array(n);
  const devices = new Int32Array(n);
  const sharesCard = new Uint8Array(n);
  const sharesDevice = new Uint8Array(n);
  const cardsBy: [number, number, number] = [0, 0, 0];
  const devicesBy: [number, number, number] = [0, 0, 0];
  const pairCards = new Map<string, number>();
  const parent = Int32Array.from({ length: n }, (_, i) => i);
  const find = (x: number): number => {
    while (parent[x] !== x) x = parent[x] = parent[parent[x]!]!;
    return x;
  };
  for (const [identifier, accounts] of accountsOf) {
    const kind = kinds[kindOf[identifier]!];
    const card = kind === 'payment_instrument';
    if (!card && kind !== 'device') continue;
    for (const a of accounts) (card ? cards : devices)[a]! += 1;
    if (accounts.length < 2) continue;
    for (const a of accounts) (card ? sharesCard : sharesDevice)[a] = 1;
    const by = card ? cardsBy : devicesBy;
    by[Math.min(accounts.length, 4) - 2]! += 1;
    if (accounts.length >= hubMinAccounts) continue;
    for (const a of accounts) parent[find(a)] = find(accounts[0]!);
    if (card) {
      for (let x = 0; x < accounts.length; x++)
        for (let y = x + 1; y < accounts.length; y++) {
          const key = accounts[x]! < accounts[y]! ? `${accounts[x]}:${accounts[y]}` : `${accounts[y]}:${accounts[x]}`;
          pairCards.set(key, (pairCards.get(key) ?? 0) + 1);
        }
    }
  }

  const size = new Map<number, number>();
  for (let a = 0; a < n; a++) size.set(find(a), (size.get(find(a)) ?? 0) + 1);
  const groupSizes = new Map<number, number>();
  const fraudIn = new Map<number, number>();
  let grouped = 0;
  let groupedFraud = 0;
  let aloneFraud = 0;
  let fraudTotal = 0;
  let labelled = 0;
  for (let a = 0; a < n; a++) {
    const s = size.get(find(a))!;
    fraudTotal += fraud[a]!;
    if (fraud[a] === 1 && snapshot.accounts.label[a] === 1) labelled++;
    if (s >= 2) {
      grouped++;
      groupedFraud += fraud[a]!;
      if (fraud[a] === 1) fraudIn.set(find(a), (fraudIn.get(find(a)) ?? 0) + 1);
    } else aloneFraud += fraud[a]!;
  }
  const groupsByFraud: [number, number, number] = [0, 0, 0];
  for (const [root, s] of size) {
    if (s < 2) continue;
    groupSizes.set(s, (groupSizes.get(s) ?? 0) + 1);
    groupsByFraud[Math.min(2, fraudIn.get(root) ?? 0)]! += 1;
  }

  const { account, counterparty } = snapshot.transactions;
  let transfers = 0;
  let inside = 0;
  const insidePairs = new Set<string>();
  for (let k = 0; k < account.length; k++) {
    const to = counterparty[k]!;
    if (to < 0) continue;
    transfers++;
    if (find(account[k]!) === find(to) && size.get(find(to))! >= 2) {
      inside++;
      insidePairs.add(`${account[k]}>${to}`);
    }
  }
  let back = 0;
  for (const pair of insidePairs) {
    const [from, to] = pair.split('>');
    if (insidePairs.has(`${to}>${from}`)) back++;
  }

  return {
    users: n,
    cardsPerUser: quantiles([...cards]),
    devicesPerUser: quantiles([...devices]),
    sharingCard: sharesCard.reduce((s, x) => s + x, 0) / n,
    sharingDevice: sharesDevice.reduce((s, x) => s + x, 0) / n,
    cardsBy,
    devicesBy,
    cardsPerPair: quantiles([...pairCards.values()]),
    grouped: grouped / n,
    groupSizes,
    largestGroup: Math.max(0, ...[...groupSizes.keys()]),
    inGroupTransfers: inside / transfers,
    bothWays: back / insidePairs.size,
    fraudRate: fraudTotal / n,
    fraudInGroups: groupedFraud / grouped,
    fraudAlone: aloneFraud / (n - grouped),
    groupsByFraud,
    labelledFraud: labelled / fraudTotal,
  };
}
