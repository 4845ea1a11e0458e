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
export const TRANSFER_EVIDENCE = 0.7;
/** Proximity is ln(1 + SCALE · PageRank per seed): about 2.5–3 for an account one shared card away. */
const SCALE = 100;
const MAX_PROXIMITY = 5;
/**
 * The walk's mass is counted in whole units of 2^-44: every message (account → identifier,
 * identifier → account, transfer) is computed in doubles as before and then truncated to whole
 * units, and masses and ranks are sums of whole units. A sum of integers is the same in any order,
 * so the walk gives the same ranks to the bit however an engine orders its additions (this
 * process by account, Spark by partition). Each fold's walk starts from a mass of 1 and only
 * loses mass, so every sum stays below 2^44 ≪ 2^53, exact in a double and in a Java long with
 * ×512 to spare; a unit is 5.7·10⁻¹⁴ of the seeds' mass, far below any rank that moves a
 * proximity in its fourth decimal.
 */
export const MASS_UNIT = 2 ** 44;

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
  return proximityFromRanks(proximityRanks(snapshot, graph, weights, transactions, fold, folds, options), snapshot.accounts.label, fold, folds);
}

/** Known fraud accounts outside each fold: the restart set of that fold's walk. */
export function restartCounts(label: ArrayLike<number>, fold: Uint8Array, folds: number): number[] {
  const seedsInFold = new Array<number>(folds).fill(0);
  let seeds = 0;
  for (let a = 0; a < fold.length; a++) if (label[a] === 1) {
    seeds++;
    seedsInFold[fold[a]!]!++;
  }
  return seedsInFold.map((inFold) => seeds - inFold);
}

/**
 * The rank of each account, in whole mass units, in the walk of its own fold (restarting at the
 * known fraud of the other folds). Integers, so the local engine and Spark give the same ranks.
 */
export function proximityRanks(
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
  const ranks = new Float64Array(n);
  const restarts = restartCounts(label, fold, folds);
  if (restarts.every((r) => r === 0)) return ranks;
  const walk = new AccountWalk(snapshot, graph, weights, transactions);
  for (let f = 0; f < folds; f++) {
    const restartCount = restarts[f]!;
    if (restartCount === 0) continue;
    const restart = new Float64Array(n);
    const seedMass = Math.floor(MASS_UNIT / restartCount);
    for (let a = 0; a < n; a++) if (label[a] === 1 && fold[a] !== f) restart[a] = seedMass;
    const rank = walk.personalisedPageRank(restart, options);
    for (let a = 0; a < n; a++) if (fold[a] === f) ranks[a] = rank[a]!;
  }
  return ranks;
}

/** Proximity from each account's rank in its fold's walk (in mass units), wherever the walk ran. */
export function proximityFromRanks(ranks: Float64Array, label: ArrayLike<number>, fold: Uint8Array, folds: number): Float64Array {
  return proximityWithRestarts(ranks, fold, restartCounts(label, fold, folds));
}

/** Proximity from ranks with each fold's restart count given (restartCounts over the whole night): what a bucket alone cannot count. */
export function proximityWithRestarts(ranks: Float64Array, fold: Uint8Array, restarts: readonly number[]): Float64Array {
  const proximity = new Float64Array(ranks.length);
  for (let a = 0; a < ranks.length; a++) {
    if (ranks[a] === 0) continue;
    proximity[a] = Math.min(MAX_PROXIMITY, Math.log1p(SCALE * (ranks[a]! / MASS_UNIT) * restarts[fold[a]!]!));
  }
  return proximity;
}

/** The walk's out-weight of an account: its identifiers' evidence summed in ascending order (an order every engine can take), then its transfers. */
export function outWeightOf(evidence: number[], transfers: number): number {
  evidence.sort((x, y) => x - y);
  let w = 0;
  for (const e of evidence) w += e;
  return w + TRANSFER_EVIDENCE * transfers;
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
    const evidence: number[] = [];
    for (let a = 0; a < n; a++) {
      evidence.length = 0;
      for (let p = graph.accountOffsets[a]!; p < graph.accountOffsets[a + 1]!; p++) {
        const e = weights.evidence[graph.accountIdentifiers[p]!]!;
        if (e !== 0) evidence.push(e);
      }
      this.outWeight[a] = outWeightOf(evidence, this.transferCount(a));
    }
  }

  /**
   * The walk in whole mass units (MASS_UNIT): `restart` holds each seed's units. The walk only ever
   * holds mass near the seeds (their components and transfer partners), so each step visits the
   * accounts that hold mass instead of every account of the snapshot.
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
        rank[a]! += Math.floor(options.restart * m);
        const out = this.outWeight[a]!;
        if (out === 0) continue;
        // the mass that moves on, as a double (m / MASS_UNIT is exact), shared by out-weight
        const moving = ((1 - options.restart) * (m / MASS_UNIT)) / out;
        const transfer = Math.floor(moving * TRANSFER_EVIDENCE * MASS_UNIT);
        for (let p = graph.accountOffsets[a]!; p < graph.accountOffsets[a + 1]!; p++) {
          const i = graph.accountIdentifiers[p]!;
          const e = weights.evidence[i]!;
          if (e === 0) continue;
          const units = Math.floor(moving * e * MASS_UNIT);
          if (units === 0) continue;
          if (this.identifierMass[i] === 0) touched.push(i);
          this.identifierMass[i]! += units;
        }
        for (let p = sentOffsets[a]!; p < sentOffsets[a + 1]!; p++) {
          const to = counterparty[sent[p]!]!;
          if (to < 0 || to === a) continue;
          next[to]! += transfer;
          reach(to);
        }
        for (let p = receivedOffsets[a]!; p < receivedOffsets[a + 1]!; p++) {
          const from = sender[received[p]!]!;
          if (from === a) continue;
          next[from]! += transfer;
          reach(from);
        }
      }
      for (const i of touched) {
        const start = graph.identifierOffsets[i]!;
        const end = graph.identifierOffsets[i + 1]!;
        const share = Math.floor(this.identifierMass[i]! / (end - start));
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
