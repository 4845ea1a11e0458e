import { DAY, SNAPSHOT_AT, WINDOW_START } from '../calendar.js';
import { COUNTRY_WEIGHTS } from '../places.js';
import { Prng } from '../prng.js';
import { Stream } from '../streams.js';
import { SharedStyle } from '../world.js';
import type { PlanContext } from './plan-context.js';

/** Share of honest accounts living with other account holders. */
export const HOUSEHOLD_SHARE = 0.3;

/**
 * Households: 2–5 honest accounts sharing one home address (each typing it their own way),
 * often a home IP, sometimes a family tablet; some signed up together. Not rings. Returns the members as CSR arrays.
 */
export function planHouseholds(ctx: PlanContext, honestAccounts: number): { start: Int32Array; members: Int32Array } {
  const prng = Prng.from(ctx.seed, Stream.planHouseholds);
  const target = Math.round(honestAccounts * HOUSEHOLD_SHARE);
  const start: number[] = [0];
  const members: number[] = [];
  while (members.length < target && ctx.draw.remaining >= 5) {
    const household = start.length - 1;
    const size = 2 + prng.weighted([45, 25, 20, 10]);
    const country = prng.weighted(COUNTRY_WEIGHTS);
    const address = ctx.shared.allocate(SharedStyle.householdAddress, country);
    const tablet = prng.chance(0.4) ? ctx.shared.allocate(SharedStyle.householdTablet, country) : -1;
    const homeIp = prng.chance(0.8) ? ctx.shared.allocate(SharedStyle.homeIp, country) : -1;
    // Some families sign up together, within a few days: a burst that is not a ring.
    const together = prng.chance(0.15) ? WINDOW_START + Math.floor(prng.float() * (SNAPSHOT_AT - WINDOW_START - 10 * DAY)) : -1;
    for (let k = 0; k < size; k++) {
      const account = ctx.draw.take();
      if (together >= 0) ctx.createdAt[account] = together + Math.floor(prng.float() * 3 * DAY);
      members.push(account);
      ctx.householdOf[account] = household;
      ctx.country[account] = country;
      ctx.links.add(account, SharedStyle.householdAddress, address);
      // The first two members always use the shared tablet or home IP: it is shared, by definition.
      if (tablet >= 0 && (k < 2 || prng.chance(0.75))) ctx.links.add(account, SharedStyle.householdTablet, tablet);
      if (homeIp >= 0 && (k < 2 || prng.chance(0.85))) ctx.links.add(account, SharedStyle.homeIp, homeIp);
    }
    start.push(members.length);
  }
  return { start: Int32Array.from(start), members: Int32Array.from(members) };
}

/** Accounts that never finished signing up: an e-mail, an IP, perhaps a device. */
export function planThinAccounts(ctx: PlanContext): void {
  const count = Math.min(ctx.draw.remaining, Math.round(ctx.accounts * 0.12));
  for (let k = 0; k < count; k++) ctx.thin[ctx.draw.take()] = 1;
}
