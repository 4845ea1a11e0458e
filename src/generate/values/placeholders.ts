import type { Prng } from '../prng.js';
import type { IdentifierKind } from '../world.js';

/**
 * Values typed when there is no real identifier. Thousands of unrelated accounts share each of
 * them; a pipeline that links on them glues the world together.
 */
const COMMON: readonly string[] = ['unknown', 'UNKNOWN', 'N/A', 'n/a', 'none', 'null', ''];

const BY_KIND: Record<IdentifierKind, readonly string[]> = {
  device: [...COMMON, '00000000-0000-0000-0000-000000000000', '00000000-0000-0000-0000-000000000000'],
  phone: [...COMMON, '0000000000', '0000000000'],
  email: [...COMMON, 'test@test.com', 'test@test.com'],
  address: COMMON,
  payment_instrument: [...COMMON, '0000000000'],
  ip: [...COMMON],
  national_id: COMMON,
};

export function placeholderValue(kind: IdentifierKind, prng: Prng): string {
  return prng.pick(BY_KIND[kind]);
}
