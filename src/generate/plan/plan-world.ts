import { DAY, SNAPSHOT_AT, WINDOW_START } from '../calendar.js';
import { COUNTRY_WEIGHTS } from '../places.js';
import { Prng } from '../prng.js';
import { Stream } from '../streams.js';
import { Role, type World } from '../world.js';
import { AccountDraw } from './account-draw.js';
import { LinkBuilder } from './link-builder.js';
import type { PlanContext } from './plan-context.js';
import { planCoincidences } from './plan-coincidences.js';
import { planFamilies } from './plan-families.js';
import { planHouseholds, planThinAccounts } from './plan-households.js';
import { planHubs } from './plan-hubs.js';
import { planRingContacts } from './plan-ring-contacts.js';
import { planRings } from './plan-rings.js';
import { SharedRegistry } from './shared-registry.js';

/**
 * Plans the whole world for `accounts` accounts. Exclusive roles first (rings, business
 * families, households, thin sign-ups), then what overlaps them (hubs, camouflage, touching
 * rings, honest coincidences). Deterministic in the seed.
 */
export function planWorld(accounts: number, seed: number): World {
  const base = Prng.from(seed, Stream.planAccounts);
  const country = new Uint8Array(accounts);
  const createdAt = new Uint32Array(accounts);
  const span = SNAPSHOT_AT - WINDOW_START - 2 * DAY;
  for (let i = 0; i < accounts; i++) {
    country[i] = base.weighted(COUNTRY_WEIGHTS);
    createdAt[i] = WINDOW_START + Math.floor(base.float() * span);
  }
  const ctx: PlanContext = {
    seed,
    accounts,
    role: new Uint8Array(accounts).fill(Role.honest),
    thin: new Uint8Array(accounts),
    country,
    createdAt,
    ringOf: new Int32Array(accounts).fill(-1),
    householdOf: new Int32Array(accounts).fill(-1),
    fraudLabel: new Uint8Array(accounts),
    draw: new AccountDraw(accounts, Prng.from(seed, Stream.planDraw)),
    shared: new SharedRegistry(),
    links: new LinkBuilder(),
  };

  const rings = planRings(ctx);
  const families = planFamilies(ctx);
  const honest = ctx.draw.remaining;
  const households = planHouseholds(ctx, honest);
  planThinAccounts(ctx);
  const hubs = planHubs(ctx, rings);
  planRingContacts(ctx, rings);
  planCoincidences(ctx, honest);

  return {
    seed,
    accounts,
    role: ctx.role,
    thin: ctx.thin,
    country: ctx.country,
    createdAt: ctx.createdAt,
    ringOf: ctx.ringOf,
    householdOf: ctx.householdOf,
    householdStart: households.start,
    householdMembers: households.members,
    fraudLabel: ctx.fraudLabel,
    rings,
    families,
    hubs,
    shared: ctx.shared,
    links: ctx.links.freeze(accounts),
  };
}
