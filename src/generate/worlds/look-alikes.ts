import { planOnboardingBursts } from '../plan/plan-onboarding-bursts.js';
import { planResellers } from '../plan/plan-resellers.js';
import { currentWorld, planTodaysWorld } from './current.js';
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
  plan: (ctx) =>
    planTodaysWorld(ctx, {
      familyRate: 0.0032,
      lookAlikes: (c) => {
        planOnboardingBursts(c, { companiesPerAccount: 0.0015, employees: [8, 45] });
        planResellers(c, { resellersPerAccount: 0.002, customers: [4, 12] });
      },
    }),
};
