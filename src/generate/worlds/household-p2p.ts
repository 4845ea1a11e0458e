import { planCoincidences } from '../plan/plan-coincidences.js';
import { planFamilies } from '../plan/plan-families.js';
import { planHouseholds, planThinAccounts } from '../plan/plan-households.js';
import { CAFE_DEVICES, planHubs } from '../plan/plan-hubs.js';
import { planRingContacts } from '../plan/plan-ring-contacts.js';
import { CURRENT_RINGS, planRings, type RingMix } from '../plan/plan-rings.js';
import { SharedStyle } from '../world.js';
import { ALL_ACCOUNT_COLUMNS, ALL_IDENTIFIER_COLUMNS, CURRENT_OWN, type WorldSpec } from './world-spec.js';

/**
 * Chargeback fraudsters: a fifth work alone, most in loose crews of 2–3 passing one device or
 * card around, some in tight rings of 4–8. Half of them carry a fraud label.
 */
const P2P_FRAUD: RingMix = {
  ...CURRENT_RINGS,
  share: 0.008,
  sizes: [
    { weight: 20, min: 1, max: 1 },
    { weight: 45, min: 2, max: 3 },
    { weight: 35, min: 4, max: 8 },
  ],
  minSize: 1,
  pools: [
    { style: SharedStyle.ringDevice, linkWeight: 55, size: (r, n) => (n <= 3 ? 1 : 1 + (r.chance(0.5) ? 1 : 0)), extra: 0.25 },
    { style: SharedStyle.ringCard, linkWeight: 45, size: (r, n) => 1 + (n >= 5 && r.chance(0.4) ? 1 : 0), extra: 0.2 },
  ],
  burst: { days: [1, 60], stragglers: 0.2, stragglerDays: [30, 200] },
  labels: { per: 'member', chance: 0.5 },
  chargebackRate: [0.3, 0.8],
};

/**
 * A P2P payments app: users, their devices and cards, and transfers. More than half the users
 * live with other users (families, flatmates) who share a tablet and a card and send each other
 * money all the time, in cycles too. Chargeback fraudsters reuse devices and cards among
 * themselves; half are labelled, the rest hidden.
 */
export const householdP2pWorld: WorldSpec = {
  name: 'household-p2p',
  summary: 'P2P payments: devices, cards, e-mail; most users in households sharing devices/cards and transferring in cycles; fraud crews, half labelled',
  kinds: ['device', 'payment_instrument', 'email'],
  columns: { accounts: ALL_ACCOUNT_COLUMNS, identifiers: ALL_IDENTIFIER_COLUMNS },
  tables: { transactions: true, labels: true },
  own: CURRENT_OWN,
  transactions: { honestCounts: [10, 20, 25, 20, 12, 8, 5], transferShare: 0.55 },
  labels: { honestLegit: 0.003, honestFraud: 0.0002, ringLegit: 0 },
  plan(ctx) {
    const rings = planRings(ctx, P2P_FRAUD);
    const families = planFamilies(ctx, 0.0005);
    const honest = ctx.draw.remaining;
    const households = planHouseholds(ctx, honest, {
      share: 0.55,
      sizes: [40, 30, 20, 10],
      address: false,
      tablet: 0.7,
      homeIp: 0,
      card: 0.55,
      phone: 0,
      tabletUse: 0.8,
      homeIpUse: 0,
      cardUse: 0.6,
      phoneUse: 0,
      together: 0.2,
    });
    planThinAccounts(ctx, 0.05);
    const hubs = planHubs(ctx, rings, { kinds: [CAFE_DEVICES], corporateCards: true, camouflage: [{ style: SharedStyle.cafeDevice, chance: 0.1 }] });
    planRingContacts(ctx, rings, {
      touching: 0.03,
      touchVia: { pool: 'devices', style: SharedStyle.ringDevice },
      camouflaged: 0.25,
      camouflageStyles: [SharedStyle.camouflageDevice, SharedStyle.camouflageDevice],
      firstChance: 1,
    });
    planCoincidences(ctx, honest, { pairsPerHonest: 0.004, phoneShare: 0 });
    return { rings, families, households, hubs };
  },
};
