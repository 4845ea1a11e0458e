import type { Prng } from '../prng.js';

/**
 * 64 first octets of publicly routed IPv4 space (no private, loopback, CGNAT or multicast
 * ranges). With 24 more bits that is a 2^30 space: IPv4 slot numbers must be 30-bit unique.
 */
const FIRST_OCTETS: readonly number[] = [
  2, 5, 24, 31, 37, 46, 50, 62, 64, 65, 66, 67, 68, 69, 70, 71,
  72, 73, 74, 75, 76, 77, 78, 79, 80, 81, 82, 83, 84, 85, 86, 87,
  88, 89, 90, 91, 92, 93, 94, 95, 96, 97, 98, 99, 104, 107, 108, 109,
  141, 145, 151, 173, 174, 176, 178, 185, 188, 193, 194, 195, 212, 213, 217, 201,
];

export const IPV4_BITS = 30;

/** The IPv4 address of a 30-bit unique number; different numbers give different addresses. */
export function ipv4(unique30: number): string {
  const first = FIRST_OCTETS[(unique30 >>> 24) & 63]!;
  return `${first}.${(unique30 >>> 16) & 255}.${(unique30 >>> 8) & 255}.${unique30 & 255}`;
}

/** A residential IPv6 address in a random /64 (RFC 5952 spelling). */
export function ipv6(prng: Prng): string {
  const prefix = prng.pick(['2a02:c7f', '2a00:23c5', '2001:4860', '2600:1700', '2a01:e0a', '2003:e2']);
  const groups: string[] = [];
  for (let i = 0; i < 6; i++) groups.push(prng.int(1, 0xffff).toString(16));
  return `${prefix}:${groups.join(':')}`;
}

/** How a log line may spell a shared IPv4 address: as is, or IPv4-mapped IPv6. */
export function respellIpv4(ip: string, prng: Prng): string {
  return prng.chance(0.02) ? `::ffff:${ip}` : ip;
}
