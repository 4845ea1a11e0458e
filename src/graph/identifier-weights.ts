import type { Snapshot } from '../snapshot/snapshot.js';
import { accountsSharing, type IdentifierGraph } from './identifier-graph.js';

export interface IdentifierWeights {
  /** How strongly sharing identifier i ties two accounts; 0 for hubs and unshared identifiers. */
  weight: Float64Array;
  /**
   * The evidence (in nats) that sharing identifier i gives an account: −ln(1 − kind weight),
   * spread thinner once more than `EVIDENCE_FULL_ACCOUNTS` accounts share it (not for
   * `undilutedKinds`). 0 for hubs.
   */
  evidence: Float64Array;
  /**
   * 1 when identifier i groups accounts: shared by two accounts or more, no hub, and its pair
   * weight at least `linkMinShare` of the strongest kind's weight tonight. The threshold moves
   * with the measured weights: an absolute one silently drops the ties of whatever kind a
   * snapshot makes ordinary (an address where most accounts share one, weighted 0.03), while a
   * carrier IP every account shares (0.001) still only supports a group.
   */
  link: Uint8Array;
  /** the pair weight from which identifiers group tonight */
  linkMinWeight: number;
  /** 1 when identifier i is a hub: shared by at least hubMinAccounts accounts. */
  hub: Uint8Array;
  hubCount: number;
}

export interface WeightOptions {
  hubMinAccounts: number;
  /** weight (0–1) of each kind by name; unknown kinds use `other` */
  kindWeights: Record<string, number>;
  /** share (0–1) of the strongest kind's weight from which a pair weight groups accounts (0: every shared identifier) */
  linkMinShare?: number;
  /**
   * Kinds whose shared value gives its full evidence however many accounts (below the hub size)
   * share it: identity documents and phone numbers, where one person's passport on six accounts
   * is the more damning, unlike a shared office computer.
   */
  undilutedKinds?: readonly string[];
  /** accounts using each identifier in the whole night, when the graph holds only part of it (a bucket); the graph's own count otherwise */
  accountsOf?: Int32Array;
}

/** A value shared by up to this many accounts gives each its kind's full evidence (a ring's pool). */
export const EVIDENCE_FULL_ACCOUNTS = 4;
/** Shared values never give more evidence than this (nats): a weight of 1 is not infinite proof. */
const MAX_EVIDENCE = 4.6;
/** A shared non-hub identifier always counts as shared, however weak its kind. */
const MIN_PAIR_WEIGHT = 1e-6;

/**
 * IDF-like weighting: an identifier shared by k accounts adds kindWeight / (k − 1) to each pair,
 * so every identifier contributes about kindWeight · k / 2 in total: a big shared thing says less
 * about any two of its users. Hubs do not link at all; they are only reported.
 */
export function weighIdentifiers(snapshot: Snapshot, graph: IdentifierGraph, options: WeightOptions): IdentifierWeights {
  const kindWeight = kindWeightsByKind(snapshot.identifiers.kinds, options.kindWeights);
  const { kindEvidence, dilutes } = kindEvidenceByKind(snapshot.identifiers.kinds, options);
  const linkMinWeight = linkMinWeightOf(kindWeight, options.linkMinShare);
  const weight = new Float64Array(graph.identifierCount);
  const evidence = new Float64Array(graph.identifierCount);
  const link = new Uint8Array(graph.identifierCount);
  const hub = new Uint8Array(graph.identifierCount);
  let hubCount = 0;
  for (let i = 0; i < graph.identifierCount; i++) {
    const k = options.accountsOf ? options.accountsOf[i]! : accountsSharing(graph, i);
    if (k >= options.hubMinAccounts) {
      hub[i] = 1;
      hubCount++;
    } else if (k >= 2) {
      const kind = snapshot.identifiers.kindOf[i]!;
      const w = kindWeight[kind]! / (k - 1);
      weight[i] = Math.max(MIN_PAIR_WEIGHT, w);
      evidence[i] = identifierEvidence(kindEvidence[kind]!, dilutes[kind]!, k);
      if (w > 0 && w >= linkMinWeight) link[i] = 1;
    }
  }
  return { weight, evidence, link, linkMinWeight, hub, hubCount };
}

/** The pair weight from which an identifier groups tonight: `linkMinShare` of the strongest kind's weight (by kind id). */
export function linkMinWeightOf(kindWeight: readonly number[], linkMinShare = 0): number {
  return linkMinShare * Math.max(0, ...kindWeight);
}

/** The weight of each kind by kind id (unknown kinds take `other`'s): also what the Spark engine groups by. */
export function kindWeightsByKind(kinds: readonly string[], kindWeights: Record<string, number>): number[] {
  return kinds.map((kind) => kindWeights[kind] ?? kindWeights.other ?? 0.5);
}

/**
 * The evidence (nats) of each kind's shared value, and whether it thins out past
 * EVIDENCE_FULL_ACCOUNTS accounts, by kind id: the numbers from which the Spark engine computes
 * each identifier's evidence itself (the logarithm is taken here, once, so Java's and V8's
 * libraries never have to agree on its last bit).
 */
export function kindEvidenceByKind(kinds: readonly string[], options: Pick<WeightOptions, 'kindWeights' | 'undilutedKinds'>): { kindEvidence: number[]; dilutes: boolean[] } {
  const undiluted = new Set(options.undilutedKinds ?? []);
  return {
    kindEvidence: kindWeightsByKind(kinds, options.kindWeights).map((w) => Math.min(MAX_EVIDENCE, -Math.log(1 - Math.min(w, 0.999)))),
    dilutes: kinds.map((kind) => !undiluted.has(kind)),
  };
}

/** The evidence of one shared non-hub identifier of k accounts (IEEE operations only: Spark computes the same double). */
export function identifierEvidence(kindEvidence: number, dilutes: boolean, k: number): number {
  return kindEvidence * (dilutes ? Math.min(1, EVIDENCE_FULL_ACCOUNTS / k) : 1);
}
