import type { DetectionInput } from '../cluster-analysis.js';
import { availability, type Availability } from '../model-terms.js';

/**
 * What detection reads of the whole night besides the buckets: counts that set shares and the
 * budget, and which columns the snapshot has at all (a bucket may lack what the night has).
 */
export interface NightTotals {
  accounts: number;
  components: number;
  hubs: number;
  available: Availability;
}

/** The totals of a snapshot held whole (the local engine). */
export function nightTotals(input: DetectionInput, components: number): NightTotals {
  return { accounts: input.snapshot.accounts.ids.length, components, hubs: input.weights.hubCount, available: availability(input.snapshot) };
}
