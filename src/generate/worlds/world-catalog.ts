import { UserError } from '../../errors.js';
import { currentWorld } from './current.js';
import { giantComponentWorld } from './giant-component.js';
import { householdP2pWorld } from './household-p2p.js';
import { identityOnlyWorld } from './identity-only.js';
import { lookAlikesWorld } from './look-alikes.js';
import { noisyLabelsWorld } from './noisy-labels.js';
import { p2pRealWorld } from './p2p-real.js';
import { slowQuietWorld } from './slow-quiet.js';
import { worldNames, type WorldName, type WorldSpec } from './world-spec.js';

/** Every world `generate --world` knows, by name. */
export const worlds: Record<WorldName, WorldSpec> = {
  current: currentWorld,
  'identity-only': identityOnlyWorld,
  'household-p2p': householdP2pWorld,
  'slow-quiet': slowQuietWorld,
  'look-alikes': lookAlikesWorld,
  'noisy-labels': noisyLabelsWorld,
  'giant-component': giantComponentWorld,
  'p2p-real': p2pRealWorld,
};

export function worldSpec(name: string): WorldSpec {
  if (!(worldNames as readonly string[]).includes(name)) throw new UserError(`generate: world must be one of ${worldNames.join(', ')}, got ${JSON.stringify(name)}`);
  return worlds[name as WorldName];
}
