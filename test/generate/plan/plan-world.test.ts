import { describe, expect, it } from 'vitest';
import { planWorld } from '../../../src/generate/plan/plan-world.js';
import { Role, SharedStyle, type World } from '../../../src/generate/world.js';

const world = planWorld(20_000, 11);

function linksOf(w: World, account: number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (let k = w.links.start[account]!; k < w.links.start[account + 1]!; k++) out.push([w.links.style[k]!, w.links.id[k]!]);
  return out;
}

describe('planWorld', () => {
  it('is deterministic in the seed', () => {
    const again = planWorld(20_000, 11);
    expect(again.rings).toEqual(world.rings);
    expect(again.links).toEqual(world.links);
    expect(planWorld(20_000, 12).links).not.toEqual(world.links);
  });

  it('puts about 3 % of accounts in rings of 3–25, mostly small', () => {
    const members = world.rings.flatMap((r) => r.members);
    expect(members.length).toBe(600);
    expect(new Set(members).size).toBe(600);
    for (const ring of world.rings) {
      expect(ring.members.length).toBeGreaterThanOrEqual(3);
      expect(ring.members.length).toBeLessThanOrEqual(25);
      for (const m of ring.members) expect(world.role[m]).toBe(Role.ring);
    }
    const small = world.rings.filter((r) => r.members.length <= 8).length;
    expect(small / world.rings.length).toBeGreaterThan(0.5);
  });

  it('connects every ring through its pool, and no pool identifier reaches all of a ring of five or more', () => {
    const poolStyles = new Set<number>([SharedStyle.ringDevice, SharedStyle.ringCard, SharedStyle.dropAddress, SharedStyle.ringPhone]);
    for (const ring of world.rings) {
      const users = new Map<string, number[]>();
      for (const m of ring.members) {
        for (const [style, id] of linksOf(world, m)) {
          if (!poolStyles.has(style)) continue;
          const key = `${style}:${id}`;
          users.set(key, [...(users.get(key) ?? []), m]);
        }
      }
      const parent = new Map(ring.members.map((m) => [m, m]));
      const find = (x: number): number => (parent.get(x) === x ? x : find(parent.get(x)!));
      for (const list of users.values()) for (const m of list) parent.set(find(m), find(list[0]!));
      expect(new Set(ring.members.map(find)).size).toBe(1);
      if (ring.members.length >= 5) for (const list of users.values()) expect(list.length).toBeLessThan(ring.members.length);
    }
  });

  it('creates ring members in bursts', () => {
    let inBurst = 0;
    let total = 0;
    for (const ring of world.rings) {
      const times = ring.members.map((m) => world.createdAt[m]!).sort((a, b) => a - b);
      const median = times[Math.floor(times.length / 2)]!;
      for (const t of times) if (Math.abs(t - median) <= 14 * 86_400) inBurst++;
      total += times.length;
    }
    expect(inBurst / total).toBeGreaterThan(0.8);
  });

  it('has households of 2–5 honest accounts sharing an address, some a tablet and most a home IP', () => {
    const households = world.householdStart.length - 1;
    const members = world.householdMembers.length;
    const honest = world.role.filter((r) => r === Role.honest).length;
    expect(members / honest).toBeGreaterThan(0.28);
    expect(members / honest).toBeLessThan(0.33);
    let tablets = 0;
    let homeIps = 0;
    for (let h = 0; h < households; h++) {
      const list = Array.from(world.householdMembers.subarray(world.householdStart[h]!, world.householdStart[h + 1]!));
      expect(list.length).toBeGreaterThanOrEqual(2);
      expect(list.length).toBeLessThanOrEqual(5);
      const styles = list.map((m) => new Set(linksOf(world, m).map(([s]) => s)));
      for (const s of styles) expect(s.has(SharedStyle.householdAddress)).toBe(true);
      if (styles.filter((s) => s.has(SharedStyle.householdTablet)).length >= 2) tablets++;
      if (styles.filter((s) => s.has(SharedStyle.homeIp)).length >= 2) homeIps++;
    }
    // some families sign up together: honest bursts keep burst-only detection honest
    let together = 0;
    for (let h = 0; h < households; h++) {
      const times = Array.from(world.householdMembers.subarray(world.householdStart[h]!, world.householdStart[h + 1]!)).map((m) => world.createdAt[m]!);
      if (Math.max(...times) - Math.min(...times) <= 3 * 86_400) together++;
    }
    expect(together / households).toBeGreaterThan(0.1);
    expect(tablets / households).toBeGreaterThan(0.3);
    expect(tablets / households).toBeLessThan(0.5);
    expect(homeIps / households).toBeGreaterThan(0.7);
  });

  it('sizes honest hubs like real ones and lets ring members use them', () => {
    const users = new Map<string, Set<number>>();
    for (let a = 0; a < world.accounts; a++) {
      for (const [style, id] of linksOf(world, a)) {
        const key = `${style}:${id}`;
        if (!users.has(key)) users.set(key, new Set());
        users.get(key)!.add(a);
      }
    }
    const sizes = (style: number) => [...users].filter(([k]) => k.startsWith(`${style}:`)).map(([, s]) => s.size);
    expect(Math.min(...sizes(SharedStyle.lockerAddress))).toBeGreaterThanOrEqual(50);
    expect(Math.min(...sizes(SharedStyle.publicIp))).toBeGreaterThanOrEqual(100);
    expect(Math.min(...sizes(SharedStyle.cafeDevice))).toBeGreaterThanOrEqual(20);
    for (const size of sizes(SharedStyle.corporateCard)) expect(size).toBeGreaterThanOrEqual(10);
    expect(world.hubs.lockers + world.hubs.publicIps + world.hubs.corporateCards + world.hubs.sharedDevices).toBeGreaterThan(10);
    const ringOnHub = world.rings.flatMap((r) => r.members).filter((m) => linksOf(world, m).some(([s]) => s === SharedStyle.lockerAddress || s === SharedStyle.publicIp));
    expect(ringOnHub.length / 600).toBeGreaterThan(0.3);
  });

  it('plants seed labels on a minority of rings, touching rings, camouflage and honest coincidences', () => {
    const labelled = world.rings.filter((r) => r.labelled.length > 0).length;
    expect(labelled / world.rings.length).toBeGreaterThan(0.1);
    expect(labelled / world.rings.length).toBeLessThan(0.45);
    for (const ring of world.rings) expect(ring.labelled.length).toBeLessThan(ring.members.length);
    expect(world.shared.count(SharedStyle.camouflageDevice) + world.shared.count(SharedStyle.camouflageIp)).toBeGreaterThan(0);
    const pairs = world.shared.count(SharedStyle.coincidenceDevice) + world.shared.count(SharedStyle.coincidencePhone);
    // 0.5 % of honest accounts (not ring members, not business families) are in a coincidence pair
    expect(pairs).toBe(Math.round((world.accounts - 600 - countRole(world, Role.businessFamily)) * 0.0025));
    // a touching ring: one member carries a device from another ring's pool
    const touching = world.rings.filter((ring) =>
      ring.members.some((m) => linksOf(world, m).some(([s, id]) => s === SharedStyle.ringDevice && !ring.pool.devices.includes(id))),
    );
    expect(touching.length).toBeGreaterThanOrEqual(1);
  });
});

function countRole(w: World, role: number): number {
  let n = 0;
  for (const r of w.role) if (r === role) n++;
  return n;
}
