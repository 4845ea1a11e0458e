import { planHubs, type HubKind } from '../plan/plan-hubs.js';
import { planP2pGroups, type P2pGroupMix } from '../plan/plan-p2p-groups.js';
import type { Prng } from '../prng.js';
import { SharedStyle } from '../world.js';
import type { WorldSpec } from './world-spec.js';

/**
 * The aggregates of a real, anonymised P2P payments export (issue 28): 33.7k users, their
 * devices and cards, 103k transfers, 241 chargeback fraudsters. Groups are the connected
 * components over shared cards and devices, hubs of 30 or more accounts left out.
 *
 * - 32 % of users in groups: 3,373 pairs, 538 of 3, 188 of 4, 85 of 5, 34 of 6, a tail to 235;
 * - groups by fraudsters in them: 4,155 none, 108 one, 14 two or more (the rings);
 * - fraud 1.3 % inside groups, 0.44 % alone; half of the fraudsters labelled, at random;
 * - cards used by 2 / 3 / ≥ 4 users: 7,866 / 527 / 97; devices: 2,332 / 267 / 146;
 * - cards shared per pair: median 1, 90th percentile 3, 99th 6.
 */
export const P2P_REAL_GROUPS: P2pGroupMix = {
  per: 33_700,
  groups: [
    { min: 2, max: 2, count: 3373 - 8 },
    { min: 3, max: 3, count: 538 - 4 },
    { min: 4, max: 4, count: 188 - 1 },
    { min: 5, max: 5, count: 85 - 1 },
    { min: 6, max: 6, count: 34 },
    // The tail: 59 groups of 7 or more, about 1,040 users in all, the largest of 235.
    { min: 7, max: 10, count: 30 },
    { min: 11, max: 20, count: 18 },
    { min: 21, max: 40, count: 7 },
    { min: 41, max: 100, count: 3 },
    { min: 235, max: 235, count: 1 },
  ],
  // 14 groups with two fraudsters or more, about 32 fraudsters: mostly pairs.
  rings: [
    { min: 2, max: 2, count: 8 },
    { min: 3, max: 3, count: 4 },
    { min: 4, max: 4, count: 1 },
    { min: 5, max: 5, count: 1 },
  ],
  // 30.5 % of users share a card and 13.1 % a device: nearly every grouped user shares a card,
  // two in five a device.
  ties: { card: 60, cardAndDevice: 30, device: 10 },
  cardsPerTie: [65, 16, 11, 3.6, 2.2, 1.4, 0.5, 0.3],
  reuseCard: 0.3,
  reuseDevice: 0.5,
  // 108 fraudsters in about 10,700 grouped users; 101 in about 22,900 alone.
  fraudInGroup: 0.0101,
  fraudAlone: 0.0044,
  labelled: 0.5,
};

/** Shop tablets and emulator farms: devices of 30–150 users, which the groups above leave out. */
const SHARED_DEVICES: HubKind = { style: SharedStyle.cafeDevice, share: 0.003, min: 30, max: 150, maxShareOfWorld: 0.02, thinAllowed: true };

/** Own cards: median 3 with the shared ones, 90th percentile 8, 99th 16, a rare card tester past 30. */
function ownCards(prng: Prng, fraud: boolean): number {
  if (prng.chance(0.0005)) return prng.int(30, 420);
  const median = fraud ? 3.7 : 2.3;
  return Math.max(1, Math.round(median * Math.exp(0.8 * prng.normal())));
}

/** Own devices: median 1, 90th percentile 3, 99th 7, a rare one past 8; fraudsters switch more. */
const DEVICE_COUNTS = [0, 72, 15, 6.5, 3, 1.5, 1, 0.5];
function ownDevices(prng: Prng, fraud: boolean): number {
  const count = prng.chance(0.001) ? prng.int(8, 65) : prng.weighted(DEVICE_COUNTS);
  return fraud && prng.chance(0.5) ? count + 1 : count;
}

/**
 * A P2P payments app shaped like a real export's aggregates: users hold several cards, pairs
 * share several, a third of the users sit in small groups that pay each other both ways; no
 * sign-up times, transfers only; fraud mostly alone, a handful of rings, half of the fraudsters
 * labelled.
 */
export const p2pRealWorld: WorldSpec = {
  name: 'p2p-real',
  summary: 'P2P payments measured on a real export: devices and cards only, no created_at, transfers only; users with several cards, 32 % in small groups sharing cards/devices and paying each other; 0.7 % fraud, mostly alone, a handful of rings, half labelled',
  kinds: ['device', 'payment_instrument'],
  columns: { accounts: ['account_id'], identifiers: ['account_id', 'kind', 'value'] },
  tables: { transactions: true, labels: true },
  own: { phone: 0, ringPhone: 0, nationalId: 0, sharedReplacesOwn: false, cards: ownCards, devices: ownDevices },
  transactions: {
    // 103k transfers for 33.7k users; 34 % of them inside groups, whose members send more.
    honestCounts: [22, 25, 20, 13, 8, 5, 3, 2, 1, 1],
    transferShare: 1,
    groups: { counts: [5, 9, 11, 12, 12, 11, 10, 8, 7, 5, 4, 3, 3], inside: 0.68 },
    fraudAsUsers: { counts: [5, 9, 11, 12, 12, 11, 10, 8, 7, 5, 4, 3, 3], toFraud: 0.15 },
  },
  labels: { honestLegit: 0, honestFraud: 0, ringLegit: 0 },
  plan(ctx) {
    const { rings, households } = planP2pGroups(ctx, P2P_REAL_GROUPS);
    const hubs = planHubs(ctx, rings, { kinds: [SHARED_DEVICES], corporateCards: false, camouflage: [] });
    return { rings, families: 0, households, hubs };
  },
};
