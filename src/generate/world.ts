/**
 * The world model: who is honest, who belongs to which household, hub, business or ring, and
 * which identifiers they share. It is planned first, in compact typed arrays; the emitter then
 * streams every account's rows from it without keeping rows in memory.
 */
import type { WorldSpec } from './worlds/world-spec.js';

export const identifierKinds = ['device', 'address', 'payment_instrument', 'phone', 'email', 'ip', 'national_id'] as const;
export type IdentifierKind = (typeof identifierKinds)[number];

/** `loneFraud`: a fraudster in no ring (alone, or the one fraudster of an otherwise honest group). */
export const Role = { honest: 0, ring: 1, businessFamily: 2, loneFraud: 3 } as const;
export type Role = (typeof Role)[keyof typeof Role];

/**
 * Kinds of shared identifier. The style decides the identifier kind and what its value looks
 * like (a home address or a parcel locker, a tablet or a café PC); every shared identifier is
 * (style, id), its value a pure function of the seed, the style and the id.
 */
export const SharedStyle = {
  householdAddress: 0,
  familyAddress: 1,
  dropAddress: 2,
  lockerAddress: 3,
  householdTablet: 4,
  cafeDevice: 5,
  ringDevice: 6,
  coincidenceDevice: 7,
  camouflageDevice: 8,
  ringCard: 9,
  corporateCard: 10,
  familyCard: 11,
  ringPhone: 12,
  coincidencePhone: 13,
  homeIp: 14,
  publicIp: 15,
  officeIp: 16,
  camouflageIp: 17,
  ringNationalId: 18,
  familyPhone: 19,
  carrierIp: 20,
  resellerDevice: 21,
  officeAddress: 22,
  camouflagePhone: 23,
} as const;
export type SharedStyle = (typeof SharedStyle)[keyof typeof SharedStyle];

export const sharedStyleKind: Record<SharedStyle, IdentifierKind> = {
  0: 'address', 1: 'address', 2: 'address', 3: 'address',
  4: 'device', 5: 'device', 6: 'device', 7: 'device', 8: 'device',
  9: 'payment_instrument', 10: 'payment_instrument', 11: 'payment_instrument',
  12: 'phone', 13: 'phone',
  14: 'ip', 15: 'ip', 16: 'ip', 17: 'ip',
  18: 'national_id', 19: 'phone', 20: 'ip', 21: 'device', 22: 'address', 23: 'phone',
};

export const SHARED_STYLE_COUNT = 24;

/** The shared identifiers that exist, per style, with the country each one belongs to. */
export interface SharedIdentifiers {
  count(style: SharedStyle): number;
  country(style: SharedStyle, id: number): number;
}

/** Per account, the shared identifiers it uses (CSR: links of account i are [start[i], start[i+1])). */
export interface AccountLinks {
  start: Int32Array;
  style: Uint8Array;
  id: Int32Array;
}

export interface Ring {
  id: number;
  /** Account indices, in planting order. */
  members: number[];
  country: number;
  /** Share of a member's card payments that end in chargebacks (members may still have none). */
  chargebackRate: number;
  /** Transfers between members as (from, to) account pairs, cycles included. */
  transfers: number[];
  /** Members already labelled fraud in the snapshot (the seed labels). */
  labelled: number[];
  /** Shared identifier ids of the ring's pool, per kind. */
  pool: { devices: number[]; cards: number[]; drops: number[]; phones: number[]; nationalIds: number[] };
}

export interface HubCounts {
  lockers: number;
  publicIps: number;
  corporateCards: number;
  sharedDevices: number;
}

export interface World {
  /** What kind of world this is: its kinds, tables, columns and mixes. */
  spec: WorldSpec;
  seed: number;
  accounts: number;
  role: Uint8Array;
  /** 1 for accounts that never finished signing up: an e-mail, an IP, maybe a device. */
  thin: Uint8Array;
  country: Uint8Array;
  /** Seconds since the epoch. */
  createdAt: Uint32Array;
  ringOf: Int32Array;
  householdOf: Int32Array;
  /** Household members, CSR by household id. */
  householdStart: Int32Array;
  householdMembers: Int32Array;
  /** 1 for fraudsters (ring members or lone) carrying a seed fraud label. */
  fraudLabel: Uint8Array;
  /** Every fraudster (ring member or lone), ascending: whom money mules pass money to. */
  fraudsters: Int32Array;
  rings: Ring[];
  families: number;
  hubs: HubCounts;
  shared: SharedIdentifiers;
  links: AccountLinks;
}
