import { planCarrierPool } from '../plan/plan-carrier-pool.js';
import { planCoincidences } from '../plan/plan-coincidences.js';
import { planFamilies } from '../plan/plan-families.js';
import { CURRENT_HOUSEHOLDS, planHouseholds, planThinAccounts } from '../plan/plan-households.js';
import { CAFE_DEVICES, planHubs } from '../plan/plan-hubs.js';
import { planRingContacts } from '../plan/plan-ring-contacts.js';
import { CURRENT_RINGS, planRings, type RingMix } from '../plan/plan-rings.js';
import { SharedStyle } from '../world.js';
import { ALL_ACCOUNT_COLUMNS, ALL_IDENTIFIER_COLUMNS, CURRENT_LABELS, CURRENT_OWN, CURRENT_TRANSACTIONS, type WorldSpec } from './world-spec.js';

/** Rings of 5–9 passing a device or two and a card or two around. */
const DEVICE_CARD_RINGS: RingMix = {
  ...CURRENT_RINGS,
  share: 0.05,
  sizes: [{ weight: 1, min: 5, max: 9 }],
  minSize: 5,
  pools: [
    { style: SharedStyle.ringDevice, linkWeight: 55, size: (r, n) => 1 + (n >= 7 && r.chance(0.5) ? 1 : 0), extra: 0.3 },
    { style: SharedStyle.ringCard, linkWeight: 45, size: (r) => 1 + (r.chance(0.3) ? 1 : 0), extra: 0.2 },
  ],
};

/**
 * A mobile-first world: every account browses from 2 carrier-NAT IPs of a pool of about 20
 * accounts per IP (below the hub size of 30), which chains nearly every account into one
 * connected component. Rings of 5–9 share devices and cards inside it.
 */
export const giantComponentWorld: WorldSpec = {
  name: 'giant-component',
  summary: 'device, card, e-mail, IP; every account on 2 carrier IPs of ~20 accounts each (one component); rings of 5-9 sharing a device and a card',
  kinds: ['device', 'payment_instrument', 'email', 'ip'],
  columns: { accounts: ALL_ACCOUNT_COLUMNS, identifiers: ALL_IDENTIFIER_COLUMNS },
  tables: { transactions: true, labels: true },
  own: CURRENT_OWN,
  transactions: CURRENT_TRANSACTIONS,
  labels: CURRENT_LABELS,
  plan(ctx) {
    const rings = planRings(ctx, DEVICE_CARD_RINGS);
    const families = planFamilies(ctx);
    const honest = ctx.draw.remaining;
    const households = planHouseholds(ctx, honest, { ...CURRENT_HOUSEHOLDS, share: 0.2, address: false, homeIp: 0.3, card: 0.2, cardUse: 0.5 });
    planThinAccounts(ctx, 0.05);
    planCarrierPool(ctx, { ipsPerAccount: 2, accountsPerIp: [12, 28] });
    const hubs = planHubs(ctx, rings, { kinds: [CAFE_DEVICES], corporateCards: true, camouflage: [] });
    planRingContacts(ctx, rings);
    planCoincidences(ctx, honest);
    return { rings, families, households, hubs };
  },
};
