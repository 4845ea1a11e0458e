import type { AccountArrays } from '../world-parts.js';
import type { AccountDraw } from './account-draw.js';
import type { LinkBuilder } from './link-builder.js';
import type { SharedRegistry } from './shared-registry.js';

/** What the planning steps share while they build the world. */
export interface PlanContext extends Pick<AccountArrays, 'seed' | 'accounts' | 'role' | 'thin' | 'country' | 'createdAt' | 'ringOf' | 'householdOf' | 'fraudLabel'> {
  draw: AccountDraw;
  shared: SharedRegistry;
  links: LinkBuilder;
}
