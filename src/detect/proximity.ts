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

  /**
   * The walk only ever holds mass near the seeds (their components and transfer partners), so each
   * step visits the accounts that hold mass, in ascending order (the order a full sweep adds in,
   * so the result is the same to the bit), instead of every account of the snapshot.
   */
  personalisedPageRank(restart: Float64Array, options: ProximityOptions): Float64Array {
    const { graph, weights, snapshot } = this;
    const { sentOffsets, sent, receivedOffsets, received } = this.transactions;
    const { account: sender, counterparty } = snapshot.transactions;
    const n = graph.accountCount;
    const rank = new Float64Array(n);
    let mass = Float64Array.from(restart);
    let next = new Float64Array(n);
    const reached = new Uint8Array(n);
    let active: number[] = [];
    for (let a = 0; a < n; a++) if (mass[a] !== 0) active.push(a);
    let nextActive: number[] = [];
    const reach = (a: number) => {
      if (reached[a]) return;
      reached[a] = 1;
      nextActive.push(a);
    };
    const touched: number[] = [];
    for (let step = 0; step < options.iterations; step++) {
      for (const a of active) {
        const m = mass[a]!;
        mass[a] = 0;
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
          if (to < 0 || to === a) continue;
          next[to]! += moving * TRANSFER_EVIDENCE;
          reach(to);
        }
        for (let p = receivedOffsets[a]!; p < receivedOffsets[a + 1]!; p++) {
          const from = sender[received[p]!]!;
          if (from === a) continue;
          next[from]! += moving * TRANSFER_EVIDENCE;
          reach(from);
        }
      }
      for (const i of touched) {
        const start = graph.identifierOffsets[i]!;
        const end = graph.identifierOffsets[i + 1]!;
        const share = this.identifierMass[i]! / (end - start);
        for (let q = start; q < end; q++) {
          const to = graph.identifierAccounts[q]!;
          next[to]! += share;
          reach(to);
        }
        this.identifierMass[i] = 0;
      }
      touched.length = 0;
      [mass, next] = [next, mass];
      for (const a of nextActive) reached[a] = 0;
      active = nextActive.sort((x, y) => x - y);
      nextActive = [];
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
