import type { Config } from '../config/config.js';
import { findComponents } from '../graph/components.js';
import { buildIdentifierGraph, type IdentifierGraph } from '../graph/identifier-graph.js';
import { weighIdentifiers, type IdentifierWeights } from '../graph/identifier-weights.js';
import { indexTransactions } from '../graph/transaction-index.js';
import type { StageTimer } from '../run/stage-timer.js';
import type { Snapshot } from '../snapshot/snapshot.js';
import { detectCommunities } from './communities.js';
import { scoreCommunities } from './detect-rings.js';
import type { DetectionInput } from './cluster-analysis.js';
import type { Detection } from './detection.js';

export interface RingsFound {
  input: DetectionInput;
  graph: IdentifierGraph;
  weights: IdentifierWeights;
  detection: Detection;
}

/** Graph → hub weights → components → Louvain → scored clusters and candidates, each a timed stage. */
export async function findRings(snapshot: Snapshot, config: Config, timer: StageTimer): Promise<RingsFound> {
  const graph = await timer.run('build graph', () => buildIdentifierGraph(snapshot));
  const weights = await timer.run('weigh identifiers', () => weighIdentifiers(snapshot, graph, config.graph));
  const components = await timer.run('components', () => findComponents(graph, weights));
  const communities = await timer.run('communities', () =>
    detectCommunities(graph, weights, components, snapshot.accounts.ids, { seed: config.seed, ...config.communities }),
  );
  const transactions = await timer.run('index transactions', () => indexTransactions(snapshot));
  const detection = await timer.run('score', () => scoreCommunities({ snapshot, graph, weights, transactions }, components, communities, config));
  return { input: { snapshot, graph, weights, transactions }, graph, weights, detection };
}
