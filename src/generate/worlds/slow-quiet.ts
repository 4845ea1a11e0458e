import { CURRENT_RINGS, type RingMix } from '../plan/plan-rings.js';
import { currentWorld, planTodaysWorld } from './current.js';
import type { WorldSpec } from './world-spec.js';

/** Rings that sign up over months, half of them quiet (no chargebacks, no transfers), 70 % unlabelled. */
const SLOW_QUIET_RINGS: RingMix = {
  ...CURRENT_RINGS,
  burst: { days: [30, 240], stragglers: 0.2, stragglerDays: [60, 300] },
  labels: { per: 'ring', chance: 0.3, min: 1, max: 2 },
  quiet: 0.5,
};

/** Today's honest world with patient rings: no burst, often no money trail, rarely a label. */
export const slowQuietWorld: WorldSpec = {
  ...currentWorld,
  name: 'slow-quiet',
  summary: 'rings sign up over 1-8 months; half quiet (no chargebacks, no transfers); 70 % of rings unlabelled',
  plan: (ctx) => planTodaysWorld(ctx, { rings: SLOW_QUIET_RINGS }),
};
