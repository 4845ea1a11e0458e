import { planCoincidences } from '../plan/plan-coincidences.js';
import { planFamilies } from '../plan/plan-families.js';
import { planHouseholds, planThinAccounts } from '../plan/plan-households.js';
import { planHubs } from '../plan/plan-hubs.js';
import { planRingContacts } from '../plan/plan-ring-contacts.js';
import { planRings } from '../plan/plan-rings.js';
import { identifierKinds } from '../world.js';
import { ALL_ACCOUNT_COLUMNS, ALL_IDENTIFIER_COLUMNS, CURRENT_LABELS, CURRENT_OWN, CURRENT_TRANSACTIONS, type WorldSpec } from './world-spec.js';

/**
 * Today's world: every kind, every table; rings of 3–25 on devices, cards, drop addresses and
 * phones, signing up in bursts; households, business families, hubs, thin sign-ups, camouflage.
 */
export const currentWorld: WorldSpec = {
  name: 'current',
  summary: 'rings of 3-25 sharing devices, cards, drop addresses and phones, created in bursts; households, business families, hubs',
  kinds: identifierKinds,
  columns: { accounts: ALL_ACCOUNT_COLUMNS, identifiers: ALL_IDENTIFIER_COLUMNS },
  tables: { transactions: true, labels: true },
  own: CURRENT_OWN,
  transactions: CURRENT_TRANSACTIONS,
  labels: CURRENT_LABELS,
  plan(ctx) {
    const rings = planRings(ctx);
    const families = planFamilies(ctx);
    const honest = ctx.draw.remaining;
    const households = planHouseholds(ctx, honest);
    planThinAccounts(ctx);
    const hubs = planHubs(ctx, rings);
    planRingContacts(ctx, rings);
    planCoincidences(ctx, honest);
    return { rings, families, households, hubs };
  },
};
