import { Prng } from '../prng.js';
import { Stream } from '../streams.js';
import { SharedStyle, type Ring } from '../world.js';
import type { PlanContext } from './plan-context.js';
import { randomHonest } from './plan-hubs.js';

/**
 * Contacts between a ring and the rest of the world, beyond hubs:
 * - touching rings: about 5 % of rings share exactly one device with another ring (a phone
 *   passed on between crews), so components merge rings that must stay apart;
 * - camouflage: about 10 % of rings have one member sharing a device or IP with a random honest
 *   account (a bought second-hand phone, a neighbour's Wi-Fi).
 */
export interface RingContactMix {
  /** Pairs of touching rings per ring. */
  touching: number;
  /** The pool through which touching rings share one identifier, and its style. */
  touchVia: { pool: 'devices' | 'phones' | 'cards'; style: SharedStyle };
  /** Share of rings with one member tied to a random honest account. */
  camouflaged: number;
  /** The camouflage link is the first style with chance `firstChance`, else the second. */
  camouflageStyles: readonly [SharedStyle, SharedStyle];
  firstChance: number;
}

export const CURRENT_RING_CONTACTS: RingContactMix = {
  touching: 0.025,
  touchVia: { pool: 'devices', style: SharedStyle.ringDevice },
  camouflaged: 0.1,
  camouflageStyles: [SharedStyle.camouflageDevice, SharedStyle.camouflageIp],
  firstChance: 0.6,
};

export function planRingContacts(ctx: PlanContext, rings: readonly Ring[], mix: RingContactMix = CURRENT_RING_CONTACTS): { touching: number; camouflaged: number } {
  const prng = Prng.from(ctx.seed, Stream.planRings, 2);
  let touching = 0;
  const pairs = rings.length >= 8 ? Math.max(1, Math.round(rings.length * mix.touching)) : 0;
  const touched = new Set<number>();
  for (let tries = 0; touching < pairs && tries < pairs * 20; tries++) {
    const [a, b] = prng.sample(rings.length, 2) as [number, number];
    if (touched.has(a) || touched.has(b)) continue;
    const from = rings[a]!;
    const to = rings[b]!;
    if (from.pool[mix.touchVia.pool].length === 0) continue;
    touched.add(a);
    touched.add(b);
    ctx.links.add(prng.pick(to.members), mix.touchVia.style, prng.pick(from.pool[mix.touchVia.pool]));
    touching++;
  }

  let camouflaged = 0;
  const count = rings.length >= 5 ? Math.max(1, Math.round(rings.length * mix.camouflaged)) : 0;
  for (const index of prng.sample(rings.length, Math.min(count, rings.length))) {
    const ring = rings[index]!;
    const member = prng.pick(ring.members);
    const honest = randomHonest(ctx, prng, null, false);
    const style = prng.chance(mix.firstChance) ? mix.camouflageStyles[0] : mix.camouflageStyles[1];
    const id = ctx.shared.allocate(style, ctx.country[honest]!);
    ctx.links.add(member, style, id);
    ctx.links.add(honest, style, id);
    camouflaged++;
  }
  return { touching, camouflaged };
}
