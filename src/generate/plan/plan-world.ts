import { DAY, SNAPSHOT_AT, WINDOW_START } from '../calendar.js';
import { COUNTRY_WEIGHTS } from '../places.js';
import { Prng } from '../prng.js';
import { Stream } from '../streams.js';
import { Role, type World } from '../world.js';
import { currentWorld } from '../worlds/current.js';
import type { WorldSpec } from '../worlds/world-spec.js';
import { AccountDraw } from './account-draw.js';
import { LinkBuilder } from './link-builder.js';
import type { PlanContext } from './plan-context.js';
import { SharedRegistry } from './shared-registry.js';

/**
 * Plans the whole world for `accounts` accounts: every account gets a country and a sign-up
 * time, then the world's planners run in order (exclusive roles first, then what overlaps them).
 * Deterministic in the seed.
 */
export function planWorld(accounts: number, seed: number, spec: WorldSpec = currentWorld): World {
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

  const { rings, families, households, hubs } = spec.plan(ctx);

  return {
    spec,
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
    fraudsters: fraudsters(ctx.role),
    rings,
    families,
    hubs,
    shared: ctx.shared,
    links: ctx.links.freeze(accounts),
  };
}

function fraudsters(role: Uint8Array): Int32Array {
  const list: number[] = [];
  for (let i = 0; i < role.length; i++) if (role[i] === Role.ring || role[i] === Role.loneFraud) list.push(i);
  return Int32Array.from(list);
}
