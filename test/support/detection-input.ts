import { findComponents } from '../../src/graph/components.js';
import { buildIdentifierGraph } from '../../src/graph/identifier-graph.js';
import { weighIdentifiers } from '../../src/graph/identifier-weights.js';
import { indexTransactions } from '../../src/graph/transaction-index.js';
import type { Snapshot } from '../../src/snapshot/snapshot.js';

/** Runs the graph stages the pipeline runs before detection, with the default weights. */
export function prepare(snapshot: Snapshot, hubMinAccounts = 30) {
  const graph = buildIdentifierGraph(snapshot);
  const weights = weighIdentifiers(snapshot, graph, {
    hubMinAccounts,
    kindWeights: { device: 1, payment_instrument: 1, phone: 0.8, email: 1, address: 0.4, ip: 0.25, other: 0.5 },
  });
  const components = findComponents(graph, weights);
  const transactions = indexTransactions(snapshot);
  return { input: { snapshot, graph, weights, transactions, proximity: new Float64Array(graph.accountCount) }, components };
}
