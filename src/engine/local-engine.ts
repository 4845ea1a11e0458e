import { measureKindAggregates } from '../detect/kind-aggregates.js';
import { proximityToKnownFraud } from '../detect/proximity.js';
import { findComponents } from '../graph/components.js';
import type { Engine } from './engine.js';

/** The global steps in this process: the kinds counted over the graph, union-find over the grouping identifiers (src/graph/components.ts), the walk to known fraud. */
export function localEngine(): Engine {
  return {
    name: 'local',
    measureKinds: (snapshot, graph, hubMinAccounts, timer) => timer.run('measure kinds', () => measureKindAggregates(snapshot, graph, hubMinAccounts)),
    components: (_snapshot, graph, weights, timer) => timer.run('components', () => findComponents(graph, weights)),
    proximity: (snapshot, graph, weights, transactions, walk, timer) =>
      timer.run('proximity', () => proximityToKnownFraud(snapshot, graph, weights, transactions, walk.fold, walk.folds, { restart: walk.restart, iterations: walk.iterations })),
    record: () => ({ name: 'local' }),
    close: () => Promise.resolve(),
  };
}
