/**
 * The world model: who is honest, who belongs to which household, hub, business or ring, and
 * which identifiers they share. It is planned first, in compact typed arrays; the emitter then
 * streams every account's rows from it without keeping rows in memory.
 */
import type { WorldSpec } from './worlds/world-spec.js';
import type { AccountArrays, AccountLinks, HubCounts, Ring, SharedIdentifiers } from './world-parts.js';

export { identifierKinds, Role, SharedStyle, sharedStyleKind, SHARED_STYLE_COUNT } from './world-parts.js';
export type { AccountArrays, AccountLinks, HubCounts, IdentifierKind, Ring, SharedIdentifiers } from './world-parts.js';

export interface World extends AccountArrays {
  /** What kind of world this is: its kinds, tables, columns and mixes. */
  spec: WorldSpec;
  /** Household members, CSR by household id. */
  householdStart: Int32Array;
  householdMembers: Int32Array;
  /** Every fraudster (ring member or lone), ascending: whom money mules pass money to. */
  fraudsters: Int32Array;
  rings: Ring[];
  families: number;
  hubs: HubCounts;
  shared: SharedIdentifiers;
  links: AccountLinks;
}
