import { planCoincidences } from '../plan/plan-coincidences.js';
import { planFamilies } from '../plan/plan-families.js';
import { planHouseholds, planThinAccounts } from '../plan/plan-households.js';
import { planHubs } from '../plan/plan-hubs.js';
import { planOnboardingBursts } from '../plan/plan-onboarding-bursts.js';
import { planResellers } from '../plan/plan-resellers.js';
import { planRingContacts } from '../plan/plan-ring-contacts.js';
import { planRings } from '../plan/plan-rings.js';
import { currentWorld } from './current.js';
import type { WorldSpec } from './world-spec.js';

/**
 * Today's rings among honest groups that look like them: companies onboarding their staff in one
 * day from the office IP and address with the corporate card, resellers signing customers up on
 * a few shop devices, and four times as many small-business families.
 */
export const lookAlikesWorld: WorldSpec = {
  ...currentWorld,
  name: 'look-alikes',
  summary: "today's rings plus corporate onboarding bursts (8-45 staff, one day, office IP/address/card), resellers on shared devices, business families",
  plan(ctx) {
    const rings = planRings(ctx);
    const families = planFamilies(ctx, 0.0032);
    planOnboardingBursts(ctx, { companiesPerAccount: 0.0015, employees: [8, 45] });
    planResellers(ctx, { resellersPerAccount: 0.002, customers: [4, 12] });
    const honest = ctx.draw.remaining;
    const households = planHouseholds(ctx, honest);
    planThinAccounts(ctx);
    const hubs = planHubs(ctx, rings);
    planRingContacts(ctx, rings);
    planCoincidences(ctx, honest);
    return { rings, families, households, hubs };
  },
};
