import type { IdentifierGraph } from '../graph/identifier-graph.js';
import type { KindClass } from '../config/kind-class.js';
import type { Snapshot } from '../snapshot/snapshot.js';
import { measureKindAggregates, type KindAggregates } from './kind-aggregates.js';
import { excessLogOdds, logit, shrunkShare } from './ordinary-share.js';
import { round } from './round.js';

export interface KindEvidenceOptions {
  hubMinAccounts: number;
  /** class of each named kind; kinds not named are `other` */
  classes: Record<string, KindClass>;
  /** strength of sharing one value, per class, before the snapshot is measured (0–1) */
  classStrength: Record<KindClass, number>;
  /** below this share of accounts sharing a kind, sharing it is rare and keeps its full strength */
  ordinaryShare: number;
  /** a kind's weight pinned by the config, not measured */
  pinned: Record<string, number>;
}

/** What one snapshot says about one identifier kind. */
export interface KindEvidence {
  kind: string;
  class: KindClass;
  /** accounts with at least one value of the kind */
  accounts: number;
  /** of those, accounts sharing a non-hub value with another account */
  sharingAccounts: number;
  sharingShare: number;
  /** values shared by 2+ accounts (hubs excluded), and their mean and 90th-percentile account counts */
  sharedValues: number;
  meanAccountsPerSharedValue: number;
  p90AccountsPerSharedValue: number;
  hubs: number;
  /** how strongly one shared value of this kind ties two accounts (0–1) */
  weight: number;
  pinned: boolean;
}

/**
 * Measures, in this snapshot, how ordinary sharing each kind is. A kind whose values honest
 * accounts routinely share (a home address, a carrier IP) is shared by a large part of all
 * accounts; a kind that is almost never shared (a national ID) is not. The weight of a kind is
 * its class strength, lowered by log-odds as its measured sharing share rises above
 * `ordinaryShare`: sharing something everybody shares says little about any two accounts. In a
 * small snapshot the measured share is shrunk toward the ordinary share first.
 */
export function measureKindEvidence(snapshot: Snapshot, graph: IdentifierGraph, options: KindEvidenceOptions): KindEvidence[] {
  return kindEvidenceOf(snapshot.identifiers.kinds, measureKindAggregates(snapshot, graph, options.hubMinAccounts), options);
}

/**
 * The evidence of each kind from its integer aggregates (by kind id), wherever they were counted:
 * the mean and the 90th percentile are read off the histogram of shared values' sizes exactly as
 * off the sorted list of sizes.
 */
export function kindEvidenceOf(kinds: readonly string[], aggregates: readonly KindAggregates[], options: Omit<KindEvidenceOptions, 'hubMinAccounts'>): KindEvidence[] {
  return kinds.map((kind, id) => {
    const { accounts, sharingAccounts, hubs, sharedSizes } = aggregates[id]!;
    const cls = options.classes[kind] ?? 'other';
    const share = accounts > 0 ? sharingAccounts / accounts : 0;
    let sharedValues = 0;
    let accountSum = 0;
    for (const [size, values] of sharedSizes) {
      sharedValues += values;
      accountSum += size * values;
    }
    const pinned = Object.hasOwn(options.pinned, kind);
    return {
      kind,
      class: cls,
      accounts,
      sharingAccounts,
      sharingShare: round(share),
      sharedValues,
      meanAccountsPerSharedValue: round(sharedValues > 0 ? accountSum / sharedValues : 0),
      p90AccountsPerSharedValue: sharedValues > 0 ? sizeAtRank(sharedSizes, Math.floor(0.9 * (sharedValues - 1))) : 0,
      hubs,
      weight: round(pinned ? options.pinned[kind]! : measuredWeight(options.classStrength[cls], shrunkShare(sharingAccounts, accounts, options.ordinaryShare), options.ordinaryShare)),
      pinned,
    };
  });
}

/** The size at position `rank` of the ascending list of sizes the histogram stands for. */
function sizeAtRank(sharedSizes: ReadonlyArray<[number, number]>, rank: number): number {
  let seen = 0;
  for (const [size, values] of sharedSizes) {
    seen += values;
    if (rank < seen) return size;
  }
  throw new Error(`rank ${rank} past the ${seen} shared values`);
}

/**
 * The class strength as log-odds, minus the log-odds by which the kind's sharing share exceeds
 * the ordinary share, back to a 0–1 weight. A rare kind keeps its class strength.
 */
export function measuredWeight(strength: number, share: number, ordinaryShare: number): number {
  if (strength <= 0) return 0;
  if (strength >= 1) return 1;
  if (share <= ordinaryShare) return strength;
  return 1 / (1 + Math.exp(-(logit(strength) - excessLogOdds(share, ordinaryShare))));
}


/** The weight of each kind by name, as identifier weighting takes it. */
export function kindWeightsOf(kinds: readonly KindEvidence[]): Record<string, number> {
  return Object.fromEntries(kinds.map((k) => [k.kind, k.weight]));
}

/**
 * Kinds whose shared value keeps its full evidence however many accounts share it: identity
 * documents and contact details belong to one person or one household. Devices, cards and
 * places are what offices and buildings share, so a wider share of them says less.
 */
export function undilutedKindsOf(kinds: readonly KindEvidence[]): string[] {
  return kinds.filter((k) => k.class === 'identity' || k.class === 'contact').map((k) => k.kind);
}
