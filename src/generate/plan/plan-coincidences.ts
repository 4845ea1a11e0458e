import { Prng } from '../prng.js';
import { Stream } from '../streams.js';
import { SharedStyle } from '../world.js';
import type { PlanContext } from './plan-context.js';
import { randomHonest } from './plan-hubs.js';

/**
 * Honest coincidences: about 0.5 % of honest accounts (today) share one device (a second-hand
 * phone) or one phone number (a recycled or mistyped number) with one unrelated honest account.
 */
export function planCoincidences(ctx: PlanContext, honestAccounts: number, mix: { pairsPerHonest: number; phoneShare: number } = { pairsPerHonest: 0.0025, phoneShare: 0.5 }): number {
  const prng = Prng.from(ctx.seed, Stream.planCoincidences);
  const pairs = Math.round(honestAccounts * mix.pairsPerHonest);
  const used = new Uint8Array(ctx.accounts);
  for (let p = 0; p < pairs; p++) {
    const a = randomHonest(ctx, prng, used, false);
    used[a] = 1;
    let b = randomHonest(ctx, prng, used, false);
    while (ctx.householdOf[a] !== -1 && ctx.householdOf[a] === ctx.householdOf[b]) b = randomHonest(ctx, prng, used, false);
    used[b] = 1;
    const style = prng.chance(1 - mix.phoneShare) ? SharedStyle.coincidenceDevice : SharedStyle.coincidencePhone;
    const id = ctx.shared.allocate(style, ctx.country[a]!);
    ctx.links.add(a, style, id);
    ctx.links.add(b, style, id);
  }
  return pairs;
}
