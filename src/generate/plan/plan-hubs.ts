import { DAY, SNAPSHOT_AT, WINDOW_START } from '../calendar.js';
import { COUNTRY_WEIGHTS } from '../places.js';
import { Prng } from '../prng.js';
import { Stream } from '../streams.js';
import { Role, SharedStyle, type HubCounts, type Ring } from '../world.js';
import type { PlanContext } from './plan-context.js';

export interface HubKind {
  style: SharedStyle;
  /** Share of all accounts using a hub of this kind (before ring camouflage). */
  share: number;
  min: number;
  max: number;
  /** Hubs never exceed this share of all accounts, so small worlds stay worlds. */
  maxShareOfWorld: number;
  /** Thin sign-ups have no address or card; they can still sit behind a public IP. */
  thinAllowed: boolean;
}

/**
 * Honest hubs, sized like the real ones: parcel lockers and freight forwarders (50–1000
 * accounts), public and carrier-NAT IPs (100–3000), internet-café and shop devices (20–200),
 * corporate cards (10–60 employees, often with an office IP). The number of hubs grows with the
 * world; each hub's size is log-uniform in its range (capped for small worlds).
 */
export const LOCKERS: HubKind = { style: SharedStyle.lockerAddress, share: 0.04, min: 50, max: 1000, maxShareOfWorld: 0.1, thinAllowed: false };
export const PUBLIC_IPS: HubKind = { style: SharedStyle.publicIp, share: 0.08, min: 100, max: 3000, maxShareOfWorld: 0.1, thinAllowed: true };
export const CAFE_DEVICES: HubKind = { style: SharedStyle.cafeDevice, share: 0.006, min: 20, max: 200, maxShareOfWorld: 0.05, thinAllowed: true };

export interface HubMix {
  kinds: readonly HubKind[];
  corporateCards: boolean;
  /** Per member of each ring, the chance of also using a hub of this style (big hubs more often). */
  camouflage: ReadonlyArray<{ style: SharedStyle; chance: number }>;
}

export const CURRENT_HUBS: HubMix = {
  kinds: [LOCKERS, PUBLIC_IPS, CAFE_DEVICES],
  corporateCards: true,
  camouflage: [
    { style: SharedStyle.lockerAddress, chance: 0.2 },
    { style: SharedStyle.publicIp, chance: 0.3 },
  ],
};

export function planHubs(ctx: PlanContext, rings: readonly Ring[], mix: HubMix = CURRENT_HUBS): HubCounts {
  const prng = Prng.from(ctx.seed, Stream.planHubs);
  const sizes = new Map<SharedStyle, number[]>();
  for (const kind of mix.kinds) sizes.set(kind.style, planHubKind(ctx, prng, kind));
  const corporateCards = mix.corporateCards ? planCorporateCards(ctx, prng) : 0;
  camouflageRings(ctx, prng, rings, mix.camouflage.map((c) => ({ chance: c.chance, style: c.style, sizes: sizes.get(c.style) ?? [] })));
  const count = (style: SharedStyle): number => sizes.get(style)?.length ?? 0;
  return { lockers: count(SharedStyle.lockerAddress), publicIps: count(SharedStyle.publicIp), sharedDevices: count(SharedStyle.cafeDevice), corporateCards };
}

function hubSizes(prng: Prng, accounts: number, share: number, min: number, max: number, maxShareOfWorld: number): number[] {
  const upper = Math.max(min, Math.min(max, Math.round(accounts * maxShareOfWorld)));
  if (accounts < min * 4) return [];
  const budget = Math.max(min, Math.round(accounts * share));
  const sizes: number[] = [];
  let total = 0;
  while (total < budget) {
    const size = Math.round(prng.logUniform(min, upper));
    sizes.push(size);
    total += size;
  }
  return sizes;
}

/** Plants the hubs of one kind; returns their sizes (hub id = index). */
function planHubKind(ctx: PlanContext, prng: Prng, kind: HubKind): number[] {
  const sizes = hubSizes(prng, ctx.accounts, kind.share, kind.min, kind.max, kind.maxShareOfWorld);
  const member = new Uint8Array(ctx.accounts);
  for (const size of sizes) {
    const id = ctx.shared.allocate(kind.style, prng.weighted(COUNTRY_WEIGHTS));
    for (let k = 0; k < size; k++) {
      const account = randomHonest(ctx, prng, member, kind.thinAllowed);
      member[account] = 1;
      ctx.links.add(account, kind.style, id);
    }
  }
  return sizes;
}

/**
 * Employees of one company paying with the company card; most also share the office IP. When a
 * company rolls the card out, its employees sign up within days of each other: a creation burst
 * that is not a ring.
 */
function planCorporateCards(ctx: PlanContext, prng: Prng): number {
  const sizes = hubSizes(prng, ctx.accounts, 0.015, 10, 60, 0.03);
  const member = new Uint8Array(ctx.accounts);
  for (const size of sizes) {
    const country = prng.weighted(COUNTRY_WEIGHTS);
    const card = ctx.shared.allocate(SharedStyle.corporateCard, country);
    const office = prng.chance(0.6) ? ctx.shared.allocate(SharedStyle.officeIp, country) : -1;
    const rollout = prng.chance(0.4) ? WINDOW_START + Math.floor(prng.float() * (SNAPSHOT_AT - WINDOW_START - 30 * DAY)) : -1;
    for (let k = 0; k < size; k++) {
      const account = randomHonest(ctx, prng, member, false);
      member[account] = 1;
      if (rollout >= 0 && prng.chance(0.85)) ctx.createdAt[account] = rollout + Math.floor(prng.float() * 10 * DAY);
      ctx.links.add(account, SharedStyle.corporateCard, card);
      if (office >= 0 && prng.chance(0.85)) ctx.links.add(account, SharedStyle.officeIp, office);
    }
  }
  return sizes.length;
}

/**
 * Ring members collect parcels from lockers and browse behind carrier NAT like everybody else,
 * which ties rings to the honest world through hubs. They pick hubs as everybody does (a big hub
 * more often than a small one); never is a whole ring on one kind of hub.
 */
function camouflageRings(ctx: PlanContext, prng: Prng, rings: readonly Ring[], hubs: ReadonlyArray<{ style: SharedStyle; chance: number; sizes: number[] }>): void {
  for (const ring of rings) {
    const limit = ring.members.length - 1;
    const on = hubs.map(() => 0);
    for (const account of ring.members) {
      for (let h = 0; h < hubs.length; h++) {
        const hub = hubs[h]!;
        if (hub.sizes.length > 0 && on[h]! < limit && prng.chance(hub.chance)) {
          ctx.links.add(account, hub.style, prng.weighted(hub.sizes));
          on[h]! += 1;
        }
      }
    }
  }
}

/** A random honest account not yet on a hub of this kind. */
export function randomHonest(ctx: PlanContext, prng: Prng, taken: Uint8Array | null, thinAllowed: boolean): number {
  for (let tries = 0; tries < 10_000_000; tries++) {
    const account = prng.int(0, ctx.accounts - 1);
    if (ctx.role[account] !== Role.honest) continue;
    if (!thinAllowed && ctx.thin[account] === 1) continue;
    if (taken !== null && taken[account] === 1) continue;
    return account;
  }
  throw new Error('no honest account left to draw');
}
