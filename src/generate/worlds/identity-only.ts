import { planCoincidences } from '../plan/plan-coincidences.js';
import { planHouseholds } from '../plan/plan-households.js';
import { planHubs } from '../plan/plan-hubs.js';
import { planRingContacts } from '../plan/plan-ring-contacts.js';
import { CURRENT_RINGS, planRings, type RingMix } from '../plan/plan-rings.js';
import { SharedStyle } from '../world.js';
import { CURRENT_TRANSACTIONS, type WorldSpec } from './world-spec.js';

/** Synthetic identities: 2–6 accounts reusing a phone or a national ID; some share a single value. */
const IDENTITY_RINGS: RingMix = {
  ...CURRENT_RINGS,
  share: 0.06,
  sizes: [
    { weight: 35, min: 2, max: 2 },
    { weight: 40, min: 3, max: 4 },
    { weight: 25, min: 5, max: 6 },
  ],
  minSize: 2,
  pools: [
    { style: SharedStyle.ringPhone, linkWeight: 50, size: (r) => r.weighted([30, 50, 20]), extra: 0.1 },
    { style: SharedStyle.ringNationalId, linkWeight: 50, size: (r, n) => (r.chance(0.7) ? 1 : 0) + (n >= 4 && r.chance(0.4) ? 1 : 0), extra: 0 },
  ],
  labels: { per: 'ring', chance: 0, min: 0, max: 0 },
};

/**
 * An identity-only export: e-mail, phone and national ID, nothing else; no sign-up times, no
 * transactions, no labels. Synthetic identities share; honest people seldom do: a few families
 * share a phone, a few numbers are mistyped into somebody else's, and ring members now and then
 * give an honest person's number.
 */
export const identityOnlyWorld: WorldSpec = {
  name: 'identity-only',
  summary: 'e-mail, phone, national ID only; no created_at, transactions or labels; rings of 2-6 sharing a phone or national ID',
  kinds: ['phone', 'email', 'national_id'],
  columns: { accounts: ['account_id', 'country'], identifiers: ['account_id', 'kind', 'value'] },
  tables: { transactions: false, labels: false },
  own: { phone: 1, ringPhone: 1, nationalId: 1, sharedReplacesOwn: true },
  transactions: CURRENT_TRANSACTIONS,
  labels: { honestLegit: 0, honestFraud: 0, ringLegit: 0 },
  plan(ctx) {
    const rings = planRings(ctx, IDENTITY_RINGS);
    const honest = ctx.draw.remaining;
    const households = planHouseholds(ctx, honest, {
      share: 0.25,
      sizes: [50, 30, 15, 5],
      address: false,
      tablet: 0,
      homeIp: 0,
      card: 0,
      phone: 0.04,
      tabletUse: 0,
      homeIpUse: 0,
      cardUse: 0,
      phoneUse: 0.5,
      together: 0,
    });
    const hubs = planHubs(ctx, rings, { kinds: [], corporateCards: false, camouflage: [] });
    planRingContacts(ctx, rings, {
      touching: 0.03,
      touchVia: { pool: 'phones', style: SharedStyle.ringPhone },
      camouflaged: 0.15,
      camouflageStyles: [SharedStyle.camouflagePhone, SharedStyle.camouflagePhone],
      firstChance: 1,
    });
    // Mistyped and recycled numbers: one honest stranger's phone on another honest account.
    planCoincidences(ctx, honest, { pairsPerHonest: 0.001, phoneShare: 1 });
    return { rings, families: 0, households, hubs };
  },
};
