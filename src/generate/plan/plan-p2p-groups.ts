import { COUNTRY_WEIGHTS } from '../places.js';
import { Prng } from '../prng.js';
import { Stream } from '../streams.js';
import { Role, SharedStyle, type Ring } from '../world.js';
import type { PlanContext } from './plan-context.js';

/** `count` groups per `per` users, each of `min`–`max` members. */
export interface GroupSizeBand {
  min: number;
  max: number;
  count: number;
}

/**
 * Users of a P2P app tied by the cards and devices they share, as counts measured on a real
 * export of `per` users; a world of another size scales the counts, not the sizes.
 */
export interface P2pGroupMix {
  per: number;
  /** Honest groups (households, flatmates, friends) by size. */
  groups: readonly GroupSizeBand[];
  /** Fraud rings: groups of two fraudsters or more. */
  rings: readonly GroupSizeBand[];
  /**
   * What ties a new member to the member it joins: a card, a card and a device, or a device
   * (relative weights).
   */
  ties: { card: number; cardAndDevice: number; device: number };
  /** Relative weights of a tie by 1, 2, 3, … cards: pairs often share several. */
  cardsPerTie: readonly number[];
  /** Chance that a tie reuses a card (a device) the group already shares: used by 3 or more. */
  reuseCard: number;
  reuseDevice: number;
  /** Chance that a member of an honest group is a fraudster (the group's one, mostly), and a user alone. */
  fraudInGroup: number;
  fraudAlone: number;
  /** Chance that a fraudster carries a fraud label: at random, not by ring. */
  labelled: number;
}

export interface P2pGroups {
  rings: Ring[];
  households: { start: Int32Array; members: Int32Array };
}

/**
 * Plans every user of a P2P world: fraud rings first, then honest groups (some holding one
 * fraudster), then everybody else alone (a few of them fraudsters). Each group is connected by
 * construction: member k joins one earlier member through a tie of shared cards and/or a device.
 */
export function planP2pGroups(ctx: PlanContext, mix: P2pGroupMix): P2pGroups {
  const prng = Prng.from(ctx.seed, Stream.planP2pGroups);
  const scale = ctx.accounts / mix.per;
  const label = (account: number): void => {
    if (prng.chance(mix.labelled)) ctx.fraudLabel[account] = 1;
  };

  const rings: Ring[] = [];
  for (const size of groupSizes(prng, mix.rings, scale)) {
    if (ctx.draw.remaining < size) break;
    const id = rings.length;
    const country = prng.weighted(COUNTRY_WEIGHTS);
    const members = take(ctx, size, country);
    const pool = tie(ctx, prng, mix, members, country, SharedStyle.ringCard, SharedStyle.ringDevice);
    for (const account of members) {
      ctx.role[account] = Role.ring;
      ctx.ringOf[account] = id;
      label(account);
    }
    const labelled = members.filter((account) => ctx.fraudLabel[account] === 1);
    rings.push({ id, members, country, chargebackRate: 0, transfers: [], labelled, pool: { devices: pool.devices, cards: pool.cards, drops: [], phones: [], nationalIds: [] } });
  }

  const start: number[] = [0];
  const grouped: number[] = [];
  for (const size of groupSizes(prng, mix.groups, scale)) {
    if (ctx.draw.remaining < size) break;
    const household = start.length - 1;
    const country = prng.weighted(COUNTRY_WEIGHTS);
    const members = take(ctx, size, country);
    tie(ctx, prng, mix, members, country, SharedStyle.familyCard, SharedStyle.householdTablet);
    for (const account of members) {
      ctx.householdOf[account] = household;
      grouped.push(account);
      if (prng.chance(mix.fraudInGroup)) {
        ctx.role[account] = Role.loneFraud;
        label(account);
      }
    }
    start.push(grouped.length);
  }

  while (ctx.draw.remaining > 0) {
    const account = ctx.draw.take();
    if (prng.chance(mix.fraudAlone)) {
      ctx.role[account] = Role.loneFraud;
      label(account);
    }
  }
  return { rings, households: { start: Int32Array.from(start), members: Int32Array.from(grouped) } };
}

/** The sizes of the groups to plant, scaled to the world, in a random order. */
function groupSizes(prng: Prng, bands: readonly GroupSizeBand[], scale: number): number[] {
  const sizes: number[] = [];
  for (const band of bands) {
    const count = Math.round(band.count * scale);
    for (let k = 0; k < count; k++) sizes.push(band.min === band.max ? band.min : Math.round(prng.logUniform(band.min, band.max)));
  }
  return prng.shuffle(sizes);
}

function take(ctx: PlanContext, size: number, country: number): number[] {
  const members: number[] = [];
  for (let k = 0; k < size; k++) {
    const account = ctx.draw.take();
    ctx.country[account] = country;
    members.push(account);
  }
  return members;
}

/**
 * Ties the members together: each member after the first joins a random earlier one through
 * shared cards, a shared device or both. Returns the shared identifiers it made.
 */
function tie(ctx: PlanContext, prng: Prng, mix: P2pGroupMix, members: readonly number[], country: number, cardStyle: SharedStyle, deviceStyle: SharedStyle): { cards: number[]; devices: number[] } {
  const cardsOf: number[][] = members.map(() => []);
  const devicesOf: number[][] = members.map(() => []);
  const made = { cards: [] as number[], devices: [] as number[] };
  const give = (m: number, style: SharedStyle, id: number, held: number[][]): void => {
    if (held[m]!.includes(id)) return;
    held[m]!.push(id);
    ctx.links.add(members[m]!, style, id);
  };
  const share = (m: number, parent: number, style: SharedStyle, held: number[][], list: number[], reuse: number, count: () => number): void => {
    // Reuse: one the member joined already shares, or else one of the group's (a family tablet
    // that goes round), which the member joined then shares too.
    if (list.length > 0 && prng.chance(reuse)) {
      const id = held[parent]!.length > 0 ? prng.pick(held[parent]!) : prng.pick(list);
      give(parent, style, id, held);
      give(m, style, id, held);
      return;
    }
    for (let k = count(); k > 0; k--) {
      const id = ctx.shared.allocate(style, country);
      list.push(id);
      give(parent, style, id, held);
      give(m, style, id, held);
    }
  };
  const tieWeights = [mix.ties.card, mix.ties.cardAndDevice, mix.ties.device];
  for (let m = 1; m < members.length; m++) {
    const parent = prng.int(0, m - 1);
    const by = prng.weighted(tieWeights);
    if (by !== 2) share(m, parent, cardStyle, cardsOf, made.cards, mix.reuseCard, () => 1 + prng.weighted(mix.cardsPerTie));
    if (by !== 0) share(m, parent, deviceStyle, devicesOf, made.devices, mix.reuseDevice, () => 1);
  }
  return made;
}
