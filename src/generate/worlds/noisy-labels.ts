import { CURRENT_RINGS, type RingMix } from '../plan/plan-rings.js';
import { currentWorld, planTodaysWorld } from './current.js';
import type { WorldSpec } from './world-spec.js';

/** 40 % of rings carry 1–3 fraud labels; the rest none. */
const PARTLY_LABELLED_RINGS: RingMix = { ...CURRENT_RINGS, labels: { per: 'ring', chance: 0.4, min: 1, max: 3 } };

/**
 * Today's world with labels as they come from operations: partial, and wrong now and then. About
 * 0.3 % of honest accounts are labelled fraud (disputes, mistaken reports), and 6 % of
 * unlabelled ring members were cleared as legit.
 */
export const noisyLabelsWorld: WorldSpec = {
  ...currentWorld,
  name: 'noisy-labels',
  summary: "today's world; 40 % of rings labelled; 0.3 % of honest accounts labelled fraud, 6 % of other ring members labelled legit",
  labels: { honestLegit: 0.005, honestFraud: 0.003, ringLegit: 0.06 },
  plan: (ctx) => planTodaysWorld(ctx, { rings: PARTLY_LABELLED_RINGS }),
};
