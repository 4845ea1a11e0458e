import type { Prng } from '../prng.js';

const HEX = '0123456789abcdef';

/**
 * A device id as SDKs report them: lowercase UUIDs (Android, web fingerprints), uppercase UUIDs
 * (iOS identifierForVendor), 16-hex Android ids, the odd brace-wrapped GUID from Windows tooling.
 * 122 random bits: collisions between unrelated devices do not happen.
 */
export function deviceId(prng: Prng): string {
  const style = prng.weighted([55, 25, 15, 5]);
  if (style === 2) return hex(prng, 16);
  const uuid = `${hex(prng, 8)}-${hex(prng, 4)}-4${hex(prng, 3)}-${HEX[8 + prng.int(0, 3)]}${hex(prng, 3)}-${hex(prng, 12)}`;
  if (style === 0) return uuid;
  if (style === 1) return uuid.toUpperCase();
  return `{${uuid.toUpperCase()}}`;
}

/** The same device reported by another app version or platform: case may differ. */
export function respellDevice(id: string, prng: Prng): string {
  const r = prng.float();
  if (r < 0.1) return id.toUpperCase();
  if (r < 0.15) return id.toLowerCase();
  return id;
}

function hex(prng: Prng, length: number): string {
  let s = '';
  for (let i = 0; i < length; i++) s += HEX[prng.next() & 15];
  return s;
}
