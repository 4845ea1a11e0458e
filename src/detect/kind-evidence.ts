import type { IdentifierGraph } from '../graph/identifier-graph.js';
import type { KindClass } from '../config/kind-class.js';
import type { Snapshot } from '../snapshot/snapshot.js';
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
  const { kinds, kindOf } = snapshot.identifiers;
  const k = kinds.length;
  const hasKind = new Int32Array(k);
  const sharesKind = new Int32Array(k);
  const seenHas = new Int32Array(k).fill(-1);
  const seenShares = new Int32Array(k).fill(-1);
  for (let a = 0; a < graph.accountCount; a++) {
    for (let p = graph.accountOffsets[a]!; p < graph.accountOffsets[a + 1]!; p++) {
      const identifier = graph.accountIdentifiers[p]!;
      const kind = kindOf[identifier]!;
      if (seenHas[kind] !== a) {
        seenHas[kind] = a;
        hasKind[kind]!++;
      }
      const n = graph.identifierOffsets[identifier + 1]! - graph.identifierOffsets[identifier]!;
      if (n >= 2 && n < options.hubMinAccounts && seenShares[kind] !== a) {
        seenShares[kind] = a;
        sharesKind[kind]!++;
      }
    }
  }
  const sizes: number[][] = kinds.map(() => []);
  const hubs = new Int32Array(k);
  for (let i = 0; i < graph.identifierCount; i++) {
    const n = graph.identifierOffsets[i + 1]! - graph.identifierOffsets[i]!;
    if (n >= options.hubMinAccounts) hubs[kindOf[i]!]!++;
    else if (n >= 2) sizes[kindOf[i]!]!.push(n);
  }
  return kinds.map((kind, id) => {
    const cls = options.classes[kind] ?? 'other';
    const share = hasKind[id]! > 0 ? sharesKind[id]! / hasKind[id]! : 0;
    const counts = sizes[id]!.sort((x, y) => x - y);
    const pinned = Object.hasOwn(options.pinned, kind);
    return {
      kind,
      class: cls,
      accounts: hasKind[id]!,
      sharingAccounts: sharesKind[id]!,
      sharingShare: round(share),
      sharedValues: counts.length,
      meanAccountsPerSharedValue: round(counts.length > 0 ? counts.reduce((s, n) => s + n, 0) / counts.length : 0),
      p90AccountsPerSharedValue: counts.length > 0 ? counts[Math.floor(0.9 * (counts.length - 1))]! : 0,
      hubs: hubs[id]!,
      weight: round(pinned ? options.pinned[kind]! : measuredWeight(options.classStrength[cls], shrunkShare(sharesKind[id]!, hasKind[id]!, options.ordinaryShare), options.ordinaryShare)),
      pinned,
    };
  });
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
