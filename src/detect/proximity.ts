import type { IdentifierGraph } from '../graph/identifier-graph.js';
import type { IdentifierWeights } from '../graph/identifier-weights.js';
import type { TransactionIndex } from '../graph/transaction-index.js';
import type { Snapshot } from '../snapshot/snapshot.js';

export interface ProximityOptions {
  /** probability of jumping back to a known fraud account at each step */
  restart: number;
  iterations: number;
}

/** A transfer to or from another account moves as much walk as an identifier worth this many nats. */
const TRANSFER_EVIDENCE = 0.7;
/** Proximity is ln(1 + SCALE · PageRank per seed): about 2.5–3 for an account one shared card away. */
const SCALE = 100;
const MAX_PROXIMITY = 5;

/**
 * Proximity to known fraud: a personalised PageRank that restarts at known fraud accounts and
 * walks over shared identifiers (in proportion to their evidence; hubs never) and transfers.
 * Each account's proximity comes from the seeds of the other folds only, so a labelled account is
 * never near fraud because of its own label, and what the model learns from labelled accounts
 * holds for unlabelled ones.
 */
export function proximityToKnownFraud(
  snapshot: Snapshot,
  graph: IdentifierGraph,
  weights: IdentifierWeights,
  transactions: TransactionIndex,
  fold: Uint8Array,
  folds: number,
  options: ProximityOptions,
): Float64Array {
  const n = graph.accountCount;
  const label = snapshot.accounts.label;
  const proximity = new Float64Array(n);
  const seedsInFold = new Int32Array(folds);
  let seeds = 0;
  for (let a = 0; a < n; a++) if (label[a] === 1) {
    seeds++;
    seedsInFold[fold[a]!]!++;
  }
  if (seeds === 0) return proximity;
  const walk = new AccountWalk(snapshot, graph, weights, transactions);
  for (let f = 0; f < folds; f++) {
    const restartCount = seeds - seedsInFold[f]!;
    if (restartCount === 0) continue;
    const restart = new Float64Array(n);
    for (let a = 0; a < n; a++) if (label[a] === 1 && fold[a] !== f) restart[a] = 1 / restartCount;
    const rank = walk.personalisedPageRank(restart, options);
    for (let a = 0; a < n; a++) {
      if (fold[a] !== f || rank[a] === 0) continue;
      proximity[a] = Math.min(MAX_PROXIMITY, Math.log1p(SCALE * rank[a]! * restartCount));
    }
  }
  return proximity;
}

/** The random walk over accounts: shared identifiers and transfers, with the out-weight of each account. */
class AccountWalk {
  private readonly outWeight: Float64Array;
  private readonly identifierMass: Float64Array;

  constructor(
    private readonly snapshot: Snapshot,
    private readonly graph: IdentifierGraph,
    private readonly weights: IdentifierWeights,
    private readonly transactions: TransactionIndex,
  ) {
    const n = graph.accountCount;
    this.outWeight = new Float64Array(n);
    this.identifierMass = new Float64Array(graph.identifierCount);
    for (let a = 0; a < n; a++) {
      let w = 0;
      for (let p = graph.accountOffsets[a]!; p < graph.accountOffsets[a + 1]!; p++) w += weights.evidence[graph.accountIdentifiers[p]!]!;
      w += TRANSFER_EVIDENCE * this.transferCount(a);
      this.outWeight[a] = w;
    }
  }

  personalisedPageRank(restart: Float64Array, options: ProximityOptions): Float64Array {
    const { graph, weights, snapshot } = this;
    const { sentOffsets, sent, receivedOffsets, received } = this.transactions;
    const { account: sender, counterparty } = snapshot.transactions;
    const n = graph.accountCount;
    const rank = new Float64Array(n);
    let mass = restart;
    const touched: number[] = [];
    for (let step = 0; step < options.iterations; step++) {
      const next = new Float64Array(n);
      for (let a = 0; a < n; a++) {
        const m = mass[a]!;
        if (m === 0) continue;
        rank[a]! += options.restart * m;
        const out = this.outWeight[a]!;
        if (out === 0) continue;
        const moving = ((1 - options.restart) * m) / out;
        for (let p = graph.accountOffsets[a]!; p < graph.accountOffsets[a + 1]!; p++) {
          const i = graph.accountIdentifiers[p]!;
          const e = weights.evidence[i]!;
          if (e === 0) continue;
          if (this.identifierMass[i] === 0) touched.push(i);
          this.identifierMass[i]! += moving * e;
        }
        for (let p = sentOffsets[a]!; p < sentOffsets[a + 1]!; p++) {
          const to = counterparty[sent[p]!]!;
          if (to >= 0 && to !== a) next[to]! += moving * TRANSFER_EVIDENCE;
        }
        for (let p = receivedOffsets[a]!; p < receivedOffsets[a + 1]!; p++) {
          const from = sender[received[p]!]!;
          if (from !== a) next[from]! += moving * TRANSFER_EVIDENCE;
        }
      }
      for (const i of touched) {
        const start = graph.identifierOffsets[i]!;
        const end = graph.identifierOffsets[i + 1]!;
        const share = this.identifierMass[i]! / (end - start);
        for (let q = start; q < end; q++) next[graph.identifierAccounts[q]!]! += share;
        this.identifierMass[i] = 0;
      }
      touched.length = 0;
      mass = next;
    }
    return rank;
  }

  private transferCount(a: number): number {
    const { sentOffsets, sent, receivedOffsets, received } = this.transactions;
    const { account: sender, counterparty } = this.snapshot.transactions;
    let count = 0;
    for (let p = sentOffsets[a]!; p < sentOffsets[a + 1]!; p++) {
      const to = counterparty[sent[p]!]!;
      if (to >= 0 && to !== a) count++;
    }
    for (let p = receivedOffsets[a]!; p < receivedOffsets[a + 1]!; p++) if (sender[received[p]!] !== a) count++;
    return count;
  }
}
