import { DAY, SNAPSHOT_AT, WINDOW_START } from '../calendar.js';
import { COUNTRY_WEIGHTS } from '../places.js';
import { Prng } from '../prng.js';
import { Stream } from '../streams.js';
import { Role, SharedStyle, type Ring } from '../world.js';
import type { PlanContext } from './plan-context.js';

/** One band of ring sizes, drawn with its weight. */
export interface RingSizeBand {
  weight: number;
  min: number;
  max: number;
}

/** One kind of identifier in a ring's pool. */
export interface RingPoolKind {
  style: SharedStyle;
  /** How often a new member is tied to the ring by an identifier of this kind. */
  linkWeight: number;
  /** How many identifiers of this kind the ring's pool holds (0 allowed). */
  size(r: Prng, ringSize: number): number;
  /** Chance that a member also uses one of them on top of what ties it in. */
  extra: number;
}

export type RingLabels =
  /** `chance` of rings get min..max labelled members (never all). */
  | { per: 'ring'; chance: number; min: number; max: number }
  /** Every member is labelled with `chance`. */
  | { per: 'member'; chance: number };

export interface RingMix {
  /** Share of all accounts that belong to a ring. */
  share: number;
  sizes: readonly RingSizeBand[];
  /** Smaller remainders are not planted. */
  minSize: number;
  pools: readonly RingPoolKind[];
  /** Sign-ups: a burst of `days` days; `stragglers` of members join `stragglerDays` later. */
  burst: { days: readonly [number, number]; stragglers: number; stragglerDays: readonly [number, number] };
  labels: RingLabels;
  chargebackRate: readonly [number, number];
  /** Share of rings that never charge back and never move money between members. */
  quiet: number;
}

/** Share of all accounts that belong to a fraud ring. */
export const RING_ACCOUNT_SHARE = 0.03;

/** Today's rings: devices, cards, drop addresses and phones, sizes skewed small, bursts of days. */
export const CURRENT_RINGS: RingMix = {
  share: RING_ACCOUNT_SHARE,
  // Skewed small: two thirds have 3–8 members, a tenth 16–25.
  sizes: [
    { weight: 65, min: 3, max: 8 },
    { weight: 25, min: 9, max: 15 },
    { weight: 10, min: 16, max: 25 },
  ],
  minSize: 3,
  pools: [
    { style: SharedStyle.ringDevice, linkWeight: 45, size: (r, n) => Math.min(4, 1 + Math.floor(n / 6) + (r.chance(0.4) ? 1 : 0)), extra: 0.3 },
    { style: SharedStyle.ringCard, linkWeight: 30, size: (r, n) => Math.min(3, 1 + (n >= 6 && r.chance(0.5) ? 1 : 0) + (n >= 12 && r.chance(0.5) ? 1 : 0)), extra: 0.2 },
    { style: SharedStyle.dropAddress, linkWeight: 15, size: (r, n) => (n >= 10 && r.chance(0.4) ? 2 : 1), extra: 0.15 },
    { style: SharedStyle.ringPhone, linkWeight: 10, size: (r) => r.weighted([40, 40, 20]), extra: 0.1 },
  ],
  burst: { days: [1, 14], stragglers: 0.1, stragglerDays: [15, 120] },
  labels: { per: 'ring', chance: 0.25, min: 1, max: 2 },
  chargebackRate: [0.1, 0.45],
  quiet: 0,
};

const POOL_LIST: Partial<Record<SharedStyle, keyof Ring['pool']>> = {
  [SharedStyle.ringDevice]: 'devices',
  [SharedStyle.ringCard]: 'cards',
  [SharedStyle.dropAddress]: 'drops',
  [SharedStyle.ringPhone]: 'phones',
  [SharedStyle.ringNationalId]: 'nationalIds',
};

/**
 * Plants the fraud rings: members drawn at random from all accounts, created in a burst, sharing
 * identifiers from a small pool with partial reuse. Each ring is connected through its pool, but
 * in rings of five or more no pool identifier is used by every member.
 */
export function planRings(ctx: PlanContext, mix: RingMix = CURRENT_RINGS): Ring[] {
  const prng = Prng.from(ctx.seed, Stream.planRings);
  const target = Math.round(ctx.accounts * mix.share);
  const rings: Ring[] = [];
  let planted = 0;
  for (;;) {
    let size = ringSize(prng, mix.sizes);
    if (planted + size > target) size = target - planted;
    if (size < mix.minSize) break;
    rings.push(plantRing(ctx, mix, rings.length, size));
    planted += size;
  }
  return rings;
}

function ringSize(prng: Prng, bands: readonly RingSizeBand[]): number {
  const band = bands[prng.weighted(bands.map((b) => b.weight))]!;
  return prng.int(band.min, band.max);
}

function plantRing(ctx: PlanContext, mix: RingMix, id: number, size: number): Ring {
  const r = Prng.from(ctx.seed, Stream.planRings, 1, id);
  const country = r.weighted(COUNTRY_WEIGHTS);
  const members: number[] = [];
  for (let k = 0; k < size; k++) {
    const account = ctx.draw.take();
    members.push(account);
    ctx.role[account] = Role.ring;
    ctx.ringOf[account] = id;
    ctx.country[account] = r.chance(0.85) ? country : r.weighted(COUNTRY_WEIGHTS);
  }

  // Sign-ups come in a burst; a few stragglers join weeks or months later.
  const { days, stragglers, stragglerDays } = mix.burst;
  const burstStart = WINDOW_START + Math.floor(r.float() * (SNAPSHOT_AT - WINDOW_START - Math.max(60, days[1]) * DAY));
  const burstDays = r.between(days[0], days[1]);
  for (const account of members) {
    const offset = r.chance(stragglers) ? r.between(stragglerDays[0], stragglerDays[1]) * DAY : r.float() * burstDays * DAY;
    ctx.createdAt[account] = Math.min(SNAPSHOT_AT - 2 * DAY, Math.floor(burstStart + offset));
  }

  const poolSize = mix.pools.map((kind) => kind.size(r, size));
  // A ring is tied together by something: an empty pool gets one identifier of the first kind.
  if (!poolSize.some((n) => n > 0)) poolSize[0] = 1;
  const usage = assignPool(r, size, poolSize, mix.pools);

  // Only pool identifiers somebody uses become shared identifiers.
  const pool: Ring['pool'] = { devices: [], cards: [], drops: [], phones: [], nationalIds: [] };
  const sharedId = poolSize.map((n) => new Array<number>(n).fill(-1));
  for (let m = 0; m < size; m++) {
    for (const item of usage[m]!) {
      const kind = item >> 8;
      const index = item & 255;
      const style = mix.pools[kind]!.style;
      let sid = sharedId[kind]![index]!;
      if (sid < 0) {
        sid = ctx.shared.allocate(style, country);
        sharedId[kind]![index] = sid;
        const list = POOL_LIST[style];
        if (list) pool[list].push(sid);
      }
      ctx.links.add(members[m]!, style, sid);
    }
  }

  const labelled: number[] = [];
  const labels = mix.labels;
  if (labels.per === 'ring') {
    if (r.chance(labels.chance)) {
      const n = Math.min(size - 1, r.int(labels.min, labels.max));
      for (const m of r.sample(size, n)) labelled.push(members[m]!);
    }
  } else {
    for (const account of members) if (r.chance(labels.chance)) labelled.push(account);
  }
  for (const account of labelled) ctx.fraudLabel[account] = 1;

  const chargebackRate = r.between(mix.chargebackRate[0], mix.chargebackRate[1]);
  const quiet = mix.quiet > 0 && r.chance(mix.quiet);
  return {
    id,
    members,
    country,
    chargebackRate: quiet ? 0 : chargebackRate,
    transfers: quiet ? [] : planTransfers(r, members),
    labelled,
    pool,
  };
}

/**
 * Which pool identifiers each member uses, as (kind << 8 | index). A random spanning tree over
 * the members is laid first, each tree edge carried by one pool identifier (often one the
 * parent already uses, so identifiers spread over sub-groups): the ring is connected by
 * construction. No identifier may reach every member of a ring of five or more; a draw that
 * breaks this is redrawn.
 */
function assignPool(r: Prng, size: number, poolSize: readonly number[], kinds: readonly RingPoolKind[]): Array<Set<number>> {
  const ATTEMPTS = 50;
  let use: Array<Set<number>> = [];
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    // The last attempt drops the cap: a connected ring matters more than the coverage rule.
    const cap = size >= 5 && attempt < ATTEMPTS - 1 ? size - 1 : size;
    use = Array.from({ length: size }, () => new Set<number>());
    const count = new Map<number, number>();
    const give = (m: number, item: number): void => {
      if (use[m]!.has(item)) return;
      use[m]!.add(item);
      count.set(item, (count.get(item) ?? 0) + 1);
    };
    const fits = (item: number, members: number[]): boolean => {
      let added = 0;
      for (const m of members) if (!use[m]!.has(item)) added++;
      return (count.get(item) ?? 0) + added <= cap;
    };
    let ok = true;
    for (let i = 1; i < size && ok; i++) {
      const parent = r.int(0, i - 1);
      let item = -1;
      if (use[parent]!.size > 0 && r.chance(0.65)) {
        const reusable = [...use[parent]!].filter((x) => fits(x, [i]));
        if (reusable.length > 0) item = r.pick(reusable);
      }
      if (item < 0) {
        const weights = kinds.map((k, kind) => (poolSize[kind]! > 0 ? k.linkWeight : 0));
        const kind = r.weighted(weights);
        const candidates: number[] = [];
        for (let index = 0; index < poolSize[kind]!; index++) {
          const x = (kind << 8) | index;
          if (fits(x, [parent, i])) candidates.push(x);
        }
        if (candidates.length === 0) {
          for (let k = 0; k < poolSize.length; k++)
            for (let index = 0; index < poolSize[k]!; index++) {
              const x = (k << 8) | index;
              if (fits(x, [parent, i])) candidates.push(x);
            }
        }
        if (candidates.length === 0) ok = false;
        else item = r.pick(candidates);
      }
      if (ok) {
        give(parent, item);
        give(i, item);
      }
    }
    if (!ok) continue;
    // A second device or the ring's card on top of what the tree gave, where it keeps the cap.
    for (let m = 0; m < size; m++) {
      for (let kind = 0; kind < kinds.length; kind++) {
        if (poolSize[kind]! > 0 && r.chance(kinds[kind]!.extra)) {
          const x = (kind << 8) | r.int(0, poolSize[kind]! - 1);
          if (fits(x, [m])) give(m, x);
        }
      }
    }
    return use;
  }
  return use;
}

/** Money moving between members: a few random transfers, sometimes a cycle A→B→C(→…)→A. */
function planTransfers(r: Prng, members: readonly number[]): number[] {
  const transfers: number[] = [];
  // A fraudster working alone has nobody to move money to.
  if (members.length < 2 || r.chance(0.15)) return transfers;
  const n = Math.max(1, Math.round(members.length * r.between(0.3, 1.2)));
  for (let k = 0; k < n; k++) {
    const [a, b] = r.sample(members.length, 2);
    transfers.push(members[a!]!, members[b!]!);
  }
  if (r.chance(0.3)) {
    const length = Math.min(members.length, r.int(3, 5));
    const cycle = r.sample(members.length, length);
    for (let k = 0; k < length; k++) transfers.push(members[cycle[k]!]!, members[cycle[(k + 1) % length]!]!);
  }
  return transfers;
}
