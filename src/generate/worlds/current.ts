import { planCoincidences } from '../plan/plan-coincidences.js';
import { planFamilies } from '../plan/plan-families.js';
import { planHouseholds, planThinAccounts } from '../plan/plan-households.js';
import { planHubs } from '../plan/plan-hubs.js';
import { planRingContacts } from '../plan/plan-ring-contacts.js';
import type { PlanContext } from '../plan/plan-context.js';
import { CURRENT_RINGS, planRings, type RingMix } from '../plan/plan-rings.js';
import { identifierKinds } from '../world.js';
import { ALL_ACCOUNT_COLUMNS, ALL_IDENTIFIER_COLUMNS, CURRENT_LABELS, CURRENT_OWN, CURRENT_TRANSACTIONS, type PlannedWorld, type WorldSpec } from './world-spec.js';

/** What a world built on today's plan changes in it. */
export interface TodaysPlanOptions {
  rings?: RingMix;
  /** business families per account */
  familyRate?: number;
  /** honest look-alikes planted after the families, before households take the remaining accounts */
  lookAlikes?: (ctx: PlanContext) => void;
}

/**
 * Today's plan: exclusive roles first (rings, business families, any look-alikes, households,
 * thin sign-ups), then what overlaps them (hubs, camouflage, touching rings, coincidences).
 */
export function planTodaysWorld(ctx: PlanContext, options: TodaysPlanOptions = {}): PlannedWorld {
  const rings = planRings(ctx, options.rings ?? CURRENT_RINGS);
  const families = options.familyRate === undefined ? planFamilies(ctx) : planFamilies(ctx, options.familyRate);
  options.lookAlikes?.(ctx);
  const honest = ctx.draw.remaining;
  const households = planHouseholds(ctx, honest);
  planThinAccounts(ctx);
  const hubs = planHubs(ctx, rings);
  planRingContacts(ctx, rings);
  planCoincidences(ctx, honest);
  return { rings, families, households, hubs };
}

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
  plan: (ctx) => planTodaysWorld(ctx),
};
