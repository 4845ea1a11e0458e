import { DAY, SNAPSHOT_AT, WINDOW_START } from '../calendar.js';
import { COUNTRY_WEIGHTS } from '../places.js';
import { Prng } from '../prng.js';
import { Stream } from '../streams.js';
import { SharedStyle } from '../world.js';
import type { PlanContext } from './plan-context.js';

export interface ResellerMix {
  /** Resellers per account in the world. */
  resellersPerAccount: number;
  /** Customers a reseller signs up, uniform. */
  customers: readonly [number, number];
}

/**
 * Small resellers (a phone shop, a travel agent): the shop signs its customers up on one of a
 * few shop devices over some weeks, sometimes giving the shop's address. Honest, but it looks
 * like a ring reusing devices. Returns how many were planted.
 */
export function planResellers(ctx: PlanContext, mix: ResellerMix): number {
  const prng = Prng.from(ctx.seed, Stream.planResellers);
  const count = Math.round(ctx.accounts * mix.resellersPerAccount);
  let planted = 0;
  for (let s = 0; s < count; s++) {
    const size = prng.int(mix.customers[0], mix.customers[1]);
    if (ctx.draw.remaining < size) break;
    const country = prng.weighted(COUNTRY_WEIGHTS);
    const devices = Array.from({ length: prng.int(1, 3) }, () => ctx.shared.allocate(SharedStyle.resellerDevice, country));
    const address = prng.chance(0.3) ? ctx.shared.allocate(SharedStyle.officeAddress, country) : -1;
    const ip = prng.chance(0.5) ? ctx.shared.allocate(SharedStyle.officeIp, country) : -1;
    const opened = WINDOW_START + Math.floor(prng.float() * (SNAPSHOT_AT - WINDOW_START - 70 * DAY));
    const weeks = prng.between(1, 8);
    for (let k = 0; k < size; k++) {
      const account = ctx.draw.take();
      ctx.country[account] = country;
      ctx.createdAt[account] = opened + Math.floor(prng.float() * weeks * 7 * DAY);
      ctx.links.add(account, SharedStyle.resellerDevice, devices[k < devices.length ? k : prng.int(0, devices.length - 1)]!);
      if (address >= 0 && prng.chance(0.6)) ctx.links.add(account, SharedStyle.officeAddress, address);
      if (ip >= 0 && prng.chance(0.7)) ctx.links.add(account, SharedStyle.officeIp, ip);
    }
    planted++;
  }
  return planted;
}
