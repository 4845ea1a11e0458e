import { DAY, SNAPSHOT_AT, WINDOW_START } from '../calendar.js';
import { COUNTRY_WEIGHTS } from '../places.js';
import { Prng } from '../prng.js';
import { Stream } from '../streams.js';
import { Role, SharedStyle } from '../world.js';
import type { PlanContext } from './plan-context.js';

/**
 * Small-business families: 3–6 honest accounts sharing the business card and the business
 * address, sometimes the office IP. They look like a small ring on the identifier graph, but
 * they sign up months apart and never charge back. Returns how many were planted.
 */
export function planFamilies(ctx: PlanContext, rate = 0.0008): number {
  const prng = Prng.from(ctx.seed, Stream.planFamilies);
  const count = ctx.accounts >= 500 ? Math.max(1, Math.round(ctx.accounts * rate)) : 0;
  const span = SNAPSHOT_AT - WINDOW_START - 2 * DAY;
  for (let f = 0; f < count; f++) {
    const size = prng.int(3, 6);
    const country = prng.weighted(COUNTRY_WEIGHTS);
    const address = ctx.shared.allocate(SharedStyle.familyAddress, country);
    const card = ctx.shared.allocate(SharedStyle.familyCard, country);
    const office = prng.chance(0.5) ? ctx.shared.allocate(SharedStyle.officeIp, country) : -1;
    for (let k = 0; k < size; k++) {
      const account = ctx.draw.take();
      ctx.role[account] = Role.businessFamily;
      ctx.country[account] = country;
      // One sign-up per stretch of the window: members join months apart.
      ctx.createdAt[account] = WINDOW_START + Math.floor(((k + prng.between(0.1, 0.9)) * span) / size);
      ctx.links.add(account, SharedStyle.familyAddress, address);
      ctx.links.add(account, SharedStyle.familyCard, card);
      if (office >= 0 && prng.chance(0.8)) ctx.links.add(account, SharedStyle.officeIp, office);
    }
  }
  return count;
}
