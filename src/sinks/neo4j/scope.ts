import type { RunOutput } from '../sink.js';

/**
 * How much of the snapshot graph goes to Neo4j.
 * - `full`: every account, identifier and USES relationship.
 * - `clusters`: what an analyst needs to explain the results: members of reported clusters and
 *   accounts labelled fraud (the seeds), every identifier a seed uses (hubs included, marked as
 *   such), and every other account using one of those identifiers, with those USES relationships.
 */
export type Scope = 'full' | 'clusters';

/** Accounts and identifiers to write, as 0/1 flags indexed by interned id. */
export interface Selection {
  accounts: Uint8Array;
  identifiers: Uint8Array;
  accountCount: number;
  identifierCount: number;
}

export function selectScope(output: Pick<RunOutput, 'snapshot' | 'graph' | 'detection'>, scope: Scope): Selection {
  const { graph, snapshot, detection } = output;
  const accounts = new Uint8Array(graph.accountCount);
  const identifiers = new Uint8Array(graph.identifierCount);
  if (scope === 'full') {
    accounts.fill(1);
    identifiers.fill(1);
    return { accounts, identifiers, accountCount: graph.accountCount, identifierCount: graph.identifierCount };
  }

  const seeds: number[] = [];
  for (const cluster of detection.clusters) for (const a of cluster.members) seeds.push(a);
  const label = snapshot.accounts.label;
  for (let a = 0; a < graph.accountCount; a++) if (label[a] === 1) seeds.push(a);

  let accountCount = 0;
  let identifierCount = 0;
  for (const a of seeds) {
    if (accounts[a]) continue;
    accounts[a] = 1;
    accountCount++;
  }
  // identifiers of the seeds, then the other accounts on them (seeds first, so the loop reads only seeds)
  for (const a of seeds) {
    for (let k = graph.accountOffsets[a]!; k < graph.accountOffsets[a + 1]!; k++) {
      const i = graph.accountIdentifiers[k]!;
      if (identifiers[i]) continue;
      identifiers[i] = 1;
      identifierCount++;
      for (let j = graph.identifierOffsets[i]!; j < graph.identifierOffsets[i + 1]!; j++) {
        const b = graph.identifierAccounts[j]!;
        if (accounts[b]) continue;
        accounts[b] = 1;
        accountCount++;
      }
    }
  }
  return { accounts, identifiers, accountCount, identifierCount };
}
