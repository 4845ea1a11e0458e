import type { AccountDraw } from './account-draw.js';
import type { LinkBuilder } from './link-builder.js';
import type { SharedRegistry } from './shared-registry.js';

/** What the planning steps share while they build the world. */
export interface PlanContext {
  seed: number;
  accounts: number;
  role: Uint8Array;
  thin: Uint8Array;
  country: Uint8Array;
  createdAt: Uint32Array;
  ringOf: Int32Array;
  householdOf: Int32Array;
  fraudLabel: Uint8Array;
  draw: AccountDraw;
  shared: SharedRegistry;
  links: LinkBuilder;
}
