import type { Snapshot } from '../snapshot/snapshot.js';
import { accountsSharing, type IdentifierGraph } from './identifier-graph.js';

export interface IdentifierWeights {
  /** How strongly sharing identifier i ties two accounts; 0 for hubs and unshared identifiers. */
  weight: Float64Array;
  /** 1 when identifier i is a hub: shared by at least hubMinAccounts accounts. */
  hub: Uint8Array;
  hubCount: number;
}

export interface WeightOptions {
  hubMinAccounts: number;
  kindWeights: Record<string, number>;
}

/**
 * IDF-like weighting: an identifier shared by k accounts adds kindWeight / (k − 1) to each pair,
 * so every identifier contributes about kindWeight · k / 2 in total: a big shared thing says less
 * about any two of its users. Hubs do not link at all; they are only reported.
 */
export function weighIdentifiers(snapshot: Snapshot, graph: IdentifierGraph, options: WeightOptions): IdentifierWeights {
  const kindWeight = snapshot.identifiers.kinds.map((kind) => options.kindWeights[kind] ?? options.kindWeights.other ?? 0.5);
  const weight = new Float64Array(graph.identifierCount);
  const hub = new Uint8Array(graph.identifierCount);
  let hubCount = 0;
  for (let i = 0; i < graph.identifierCount; i++) {
    const k = accountsSharing(graph, i);
    if (k >= options.hubMinAccounts) {
      hub[i] = 1;
      hubCount++;
    } else if (k >= 2) {
      weight[i] = kindWeight[snapshot.identifiers.kindOf[i]!]! / (k - 1);
    }
  }
  return { weight, hub, hubCount };
}
