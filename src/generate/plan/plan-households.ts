import { DAY, SNAPSHOT_AT, WINDOW_START } from '../calendar.js';
import { COUNTRY_WEIGHTS } from '../places.js';
import { Prng } from '../prng.js';
import { Stream } from '../streams.js';
import { SharedStyle } from '../world.js';
import type { PlanContext } from './plan-context.js';

/** Share of honest accounts living with other account holders. */
export const HOUSEHOLD_SHARE = 0.3;

export interface HouseholdMix {
  /** Share of honest accounts living with other account holders. */
  share: number;
  /** Relative weights of households of 2, 3, 4, 5. */
  sizes: readonly number[];
  /** Households share their home address (always, when the world has addresses). */
  address: boolean;
  /** Chances that a household shares a tablet, a home IP, a card (the family's), a phone (a landline). */
  tablet: number;
  homeIp: number;
  card: number;
  phone: number;
  /** Chance that a member beyond the first two uses each shared thing. */
  tabletUse: number;
  homeIpUse: number;
  cardUse: number;
  phoneUse: number;
  /** Chance that a household signed up together, within days. */
  together: number;
}

export const CURRENT_HOUSEHOLDS: HouseholdMix = {
  share: HOUSEHOLD_SHARE,
  sizes: [45, 25, 20, 10],
  address: true,
  tablet: 0.4,
  homeIp: 0.8,
  card: 0,
  phone: 0,
  tabletUse: 0.75,
  homeIpUse: 0.85,
  cardUse: 0,
  phoneUse: 0,
  together: 0.15,
};

/**
 * Households: 2–5 honest accounts sharing one home address (each typing it their own way),
 * often a home IP, sometimes a family tablet, and in some worlds the family's card or phone;
 * some signed up together. Not rings. Returns the members as CSR arrays.
 */
export function planHouseholds(ctx: PlanContext, honestAccounts: number, mix: HouseholdMix = CURRENT_HOUSEHOLDS): { start: Int32Array; members: Int32Array } {
  const prng = Prng.from(ctx.seed, Stream.planHouseholds);
  const target = Math.round(honestAccounts * mix.share);
  const start: number[] = [0];
  const members: number[] = [];
  while (members.length < target && ctx.draw.remaining >= 5) {
    const household = start.length - 1;
    const size = 2 + prng.weighted(mix.sizes);
    const country = prng.weighted(COUNTRY_WEIGHTS);
    const address = mix.address ? ctx.shared.allocate(SharedStyle.householdAddress, country) : -1;
    const tablet = prng.chance(mix.tablet) ? ctx.shared.allocate(SharedStyle.householdTablet, country) : -1;
    const homeIp = prng.chance(mix.homeIp) ? ctx.shared.allocate(SharedStyle.homeIp, country) : -1;
    // Some families sign up together, within a few days: a burst that is not a ring.
    const together = prng.chance(mix.together) ? WINDOW_START + Math.floor(prng.float() * (SNAPSHOT_AT - WINDOW_START - 10 * DAY)) : -1;
    const card = mix.card > 0 && prng.chance(mix.card) ? ctx.shared.allocate(SharedStyle.familyCard, country) : -1;
    const phone = mix.phone > 0 && prng.chance(mix.phone) ? ctx.shared.allocate(SharedStyle.familyPhone, country) : -1;
    for (let k = 0; k < size; k++) {
      const account = ctx.draw.take();
      if (together >= 0) ctx.createdAt[account] = together + Math.floor(prng.float() * 3 * DAY);
      members.push(account);
      ctx.householdOf[account] = household;
      ctx.country[account] = country;
      if (address >= 0) ctx.links.add(account, SharedStyle.householdAddress, address);
      // The first two members always use what the household shares: it is shared, by definition.
      if (tablet >= 0 && (k < 2 || prng.chance(mix.tabletUse))) ctx.links.add(account, SharedStyle.householdTablet, tablet);
      if (homeIp >= 0 && (k < 2 || prng.chance(mix.homeIpUse))) ctx.links.add(account, SharedStyle.homeIp, homeIp);
      if (card >= 0 && (k < 2 || prng.chance(mix.cardUse))) ctx.links.add(account, SharedStyle.familyCard, card);
      if (phone >= 0 && (k < 2 || prng.chance(mix.phoneUse))) ctx.links.add(account, SharedStyle.familyPhone, phone);
    }
    start.push(members.length);
  }
  return { start: Int32Array.from(start), members: Int32Array.from(members) };
}

/** Accounts that never finished signing up: an e-mail, an IP, perhaps a device. */
export function planThinAccounts(ctx: PlanContext, share = 0.12): void {
  const count = Math.min(ctx.draw.remaining, Math.round(ctx.accounts * share));
  for (let k = 0; k < count; k++) ctx.thin[ctx.draw.take()] = 1;
}
