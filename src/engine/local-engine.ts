import { findComponents } from '../graph/components.js';
import type { Engine } from './engine.js';

/** The global steps in this process: union-find over the grouping identifiers (src/graph/components.ts). */
export function localEngine(): Engine {
  return {
    prepare: () => Promise.resolve(),
    components: (graph, weights, _rule, timer) => timer.run('components', () => findComponents(graph, weights)),
    record: () => ({ name: 'local' }),
    close: () => Promise.resolve(),
  };
}
