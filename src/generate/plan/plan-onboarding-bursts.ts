import { DAY, SNAPSHOT_AT, WINDOW_START } from '../calendar.js';
import { COUNTRY_WEIGHTS } from '../places.js';
import { Prng } from '../prng.js';
import { Stream } from '../streams.js';
import { SharedStyle } from '../world.js';
import type { PlanContext } from './plan-context.js';

export interface OnboardingMix {
  /** Companies per account in the world. */
  companiesPerAccount: number;
  /** Employees per company, log-uniform. */
  employees: readonly [number, number];
}

/**
 * Honest corporate onboarding: a company signs its staff up on one day. They sign up from the
 * office IP, most give the office address, some pay with the corporate card. A dense burst of
 * accounts sharing several identifiers, with no chargebacks: the look-alike of a ring. Returns
 * how many companies were planted.
 */
export function planOnboardingBursts(ctx: PlanContext, mix: OnboardingMix): number {
  const prng = Prng.from(ctx.seed, Stream.planOnboarding);
  const count = Math.round(ctx.accounts * mix.companiesPerAccount);
  let planted = 0;
  for (let c = 0; c < count; c++) {
    const size = Math.round(prng.logUniform(mix.employees[0], mix.employees[1]));
    if (ctx.draw.remaining < size) break;
    const country = prng.weighted(COUNTRY_WEIGHTS);
    const officeIp = ctx.shared.allocate(SharedStyle.officeIp, country);
    const address = prng.chance(0.7) ? ctx.shared.allocate(SharedStyle.officeAddress, country) : -1;
    const card = prng.chance(0.5) ? ctx.shared.allocate(SharedStyle.corporateCard, country) : -1;
    // A second office IP (a guest network, a VPN exit) for some companies.
    const guestIp = prng.chance(0.3) ? ctx.shared.allocate(SharedStyle.officeIp, country) : -1;
    const day = WINDOW_START + Math.floor(prng.float() * (SNAPSHOT_AT - WINDOW_START - 10 * DAY));
    for (let k = 0; k < size; k++) {
      const account = ctx.draw.take();
      ctx.country[account] = country;
      // Most on the day, the rest within the next week.
      ctx.createdAt[account] = day + Math.floor((prng.chance(0.8) ? prng.float() * 0.4 : prng.between(1, 7)) * DAY);
      if (k < 2 || prng.chance(0.9)) ctx.links.add(account, SharedStyle.officeIp, officeIp);
      if (guestIp >= 0 && prng.chance(0.4)) ctx.links.add(account, SharedStyle.officeIp, guestIp);
      if (address >= 0 && (k < 2 || prng.chance(0.8))) ctx.links.add(account, SharedStyle.officeAddress, address);
      if (card >= 0 && (k < 2 || prng.chance(0.7))) ctx.links.add(account, SharedStyle.corporateCard, card);
    }
    planted++;
  }
  return planted;
}
