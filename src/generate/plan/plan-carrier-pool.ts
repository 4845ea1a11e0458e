import { COUNTRY_WEIGHTS } from '../places.js';
import { Prng } from '../prng.js';
import { Stream } from '../streams.js';
import { SharedStyle } from '../world.js';
import type { PlanContext } from './plan-context.js';

export interface CarrierPoolMix {
  /** Carrier IPs each account browses from. */
  ipsPerAccount: number;
  /** Accounts per IP, drawn uniformly; keep `max` below the hub size so no IP is a hub. */
  accountsPerIp: readonly [number, number];
}

/**
 * Carrier-grade NAT: every account, honest or not, browses from a few IPs of a mobile carrier's
 * pool, each IP shared by a couple of dozen accounts. No IP is big enough to be a hub, yet the
 * IPs chain almost every account into one connected component. Returns the number of IPs.
 */
export function planCarrierPool(ctx: PlanContext, mix: CarrierPoolMix): number {
  const prng = Prng.from(ctx.seed, Stream.planCarrierPool);
  const slots = new Int32Array(ctx.accounts * mix.ipsPerAccount);
  for (let i = 0; i < slots.length; i++) slots[i] = i % ctx.accounts;
  prng.shuffle(slots);
  let ips = 0;
  for (let at = 0; at < slots.length; ) {
    const size = Math.min(slots.length - at, prng.int(mix.accountsPerIp[0], mix.accountsPerIp[1]));
    const id = ctx.shared.allocate(SharedStyle.carrierIp, prng.weighted(COUNTRY_WEIGHTS));
    const seen = new Set<number>();
    for (let k = at; k < at + size; k++) {
      const account = slots[k]!;
      // An account drawn twice for one IP uses it once.
      if (seen.has(account)) continue;
      seen.add(account);
      ctx.links.add(account, SharedStyle.carrierIp, id);
    }
    at += size;
    ips++;
  }
  return ips;
}
