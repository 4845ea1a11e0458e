import { DAY, SNAPSHOT_AT, WINDOW_START } from '../calendar.js';
import { COUNTRY_WEIGHTS } from '../places.js';
import { Prng } from '../prng.js';
import { Stream } from '../streams.js';
import { Role, SharedStyle, type Ring } from '../world.js';
import type { PlanContext } from './plan-context.js';

/** Share of all accounts that belong to a fraud ring. */
export const RING_ACCOUNT_SHARE = 0.03;

const DEVICE = 0;
const CARD = 1;
const DROP = 2;
const PHONE = 3;
const POOL_STYLES = [SharedStyle.ringDevice, SharedStyle.ringCard, SharedStyle.dropAddress, SharedStyle.ringPhone] as const;
/** Which kind of pool identifier ties a new member to the ring. */
const LINK_KIND_WEIGHTS = [45, 30, 15, 10];

/**
 * Plants the fraud rings: members drawn at random from all accounts, created in a burst, sharing
 * identifiers from a small pool with partial reuse. Each ring is connected through its pool, but
 * in rings of five or more no pool identifier is used by every member.
 */
export function planRings(ctx: PlanContext): Ring[] {
  const prng = Prng.from(ctx.seed, Stream.planRings);
  const target = Math.round(ctx.accounts * RING_ACCOUNT_SHARE);
  const rings: Ring[] = [];
  let planted = 0;
  for (;;) {
    let size = ringSize(prng);
    if (planted + size > target) size = target - planted;
    if (size < 3) break;
    rings.push(plantRing(ctx, rings.length, size));
    planted += size;
  }
  return rings;
}

/** Skewed small: two thirds have 3–8 members, a tenth 16–25. */
function ringSize(prng: Prng): number {
  const band = prng.weighted([65, 25, 10]);
  if (band === 0) return prng.int(3, 8);
  if (band === 1) return prng.int(9, 15);
  return prng.int(16, 25);
}

function plantRing(ctx: PlanContext, id: number, size: number): Ring {
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

  // Sign-ups come in a burst of 1–14 days; a few stragglers join weeks or months later.
  const burstStart = WINDOW_START + Math.floor(r.float() * (SNAPSHOT_AT - WINDOW_START - 60 * DAY));
  const burstDays = r.between(1, 14);
  for (const account of members) {
    const offset = r.chance(0.1) ? r.between(15, 120) * DAY : r.float() * burstDays * DAY;
    ctx.createdAt[account] = Math.min(SNAPSHOT_AT - 2 * DAY, Math.floor(burstStart + offset));
  }

  const poolSize = [
    Math.min(4, 1 + Math.floor(size / 6) + (r.chance(0.4) ? 1 : 0)),
    Math.min(3, 1 + (size >= 6 && r.chance(0.5) ? 1 : 0) + (size >= 12 && r.chance(0.5) ? 1 : 0)),
    size >= 10 && r.chance(0.4) ? 2 : 1,
    r.weighted([40, 40, 20]),
  ];
  const usage = assignPool(r, size, poolSize);

  // Only pool identifiers somebody uses become shared identifiers.
  const pool = { devices: [] as number[], cards: [] as number[], drops: [] as number[], phones: [] as number[] };
  const lists = [pool.devices, pool.cards, pool.drops, pool.phones];
  const sharedId = poolSize.map((n) => new Array<number>(n).fill(-1));
  for (let m = 0; m < size; m++) {
    for (const item of usage[m]!) {
      const kind = item >> 8;
      const index = item & 255;
      let sid = sharedId[kind]![index]!;
      if (sid < 0) {
        sid = ctx.shared.allocate(POOL_STYLES[kind]!, country);
        sharedId[kind]![index] = sid;
        lists[kind]!.push(sid);
      }
      ctx.links.add(members[m]!, POOL_STYLES[kind]!, sid);
    }
  }

  const labelled: number[] = [];
  if (r.chance(0.25)) {
    const n = Math.min(size - 1, r.int(1, 2));
    for (const m of r.sample(size, n)) {
      labelled.push(members[m]!);
      ctx.fraudLabel[members[m]!] = 1;
    }
  }

  return {
    id,
    members,
    country,
    chargebackRate: r.between(0.1, 0.45),
    transfers: planTransfers(r, members),
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
function assignPool(r: Prng, size: number, poolSize: readonly number[]): Array<Set<number>> {
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
        const weights = LINK_KIND_WEIGHTS.map((w, kind) => (poolSize[kind]! > 0 ? w : 0));
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
      if (r.chance(0.3)) {
        const x = (DEVICE << 8) | r.int(0, poolSize[DEVICE]! - 1);
        if (fits(x, [m])) give(m, x);
      }
      if (r.chance(0.2)) {
        const x = (CARD << 8) | r.int(0, poolSize[CARD]! - 1);
        if (fits(x, [m])) give(m, x);
      }
      if (r.chance(0.15)) {
        const x = (DROP << 8) | r.int(0, poolSize[DROP]! - 1);
        if (fits(x, [m])) give(m, x);
      }
      if (poolSize[PHONE]! > 0 && r.chance(0.1)) {
        const x = (PHONE << 8) | r.int(0, poolSize[PHONE]! - 1);
        if (fits(x, [m])) give(m, x);
      }
    }
    return use;
  }
  return use;
}

/** Money moving between members: a few random transfers, sometimes a cycle A→B→C(→…)→A. */
function planTransfers(r: Prng, members: readonly number[]): number[] {
  const transfers: number[] = [];
  if (r.chance(0.15)) return transfers;
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
