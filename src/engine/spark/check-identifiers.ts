import { EngineUnavailableError } from '../../errors.js';
import { accountsSharing, type IdentifierGraph } from '../../graph/identifier-graph.js';
import type { IdentifierWeights } from '../../graph/identifier-weights.js';
import type { Snapshot } from '../../snapshot/snapshot.js';
import type { SparkIdentifiers } from './read-identifiers.js';

/**
 * Every per-identifier number the steps after the components take (accounts sharing it, hub,
 * link) has a Spark source: this checks that source against the weights this process holds, so a
 * night whose engines disagree stops with one line instead of reporting rings from either.
 */
export function checkIdentifiers(snapshot: Snapshot, graph: IdentifierGraph, weights: IdentifierWeights, spark: SparkIdentifiers): void {
  for (let i = 0; i < graph.identifierCount; i++) {
    const accounts = accountsSharing(graph, i);
    if (spark.accounts[i] === accounts && spark.hub[i] === weights.hub[i] && spark.groups[i] === weights.link[i]) continue;
    const kind = snapshot.identifiers.kinds[snapshot.identifiers.kindOf[i]!];
    throw new EngineUnavailableError(
      `the Spark job and this process disagree on a ${kind} identifier: ${spark.accounts[i]} accounts (hub ${spark.hub[i]}, groups ${spark.groups[i]}) against ${accounts} (hub ${weights.hub[i]}, groups ${weights.link[i]})`,
    );
  }
}
