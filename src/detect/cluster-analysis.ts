import type { KindClass } from '../config/kind-class.js';
import type { IdentifierGraph } from '../graph/identifier-graph.js';
import type { IdentifierWeights } from '../graph/identifier-weights.js';
import type { TransactionIndex } from '../graph/transaction-index.js';
import { TransactionStatus, type Snapshot } from '../snapshot/snapshot.js';
import { round } from './round.js';

const DAY_MS = 86_400_000;
/** Money cycles are looked for only in clusters up to this size (a DFS over member transfers). */
const MAX_CYCLE_SEARCH_MEMBERS = 4096;
/** An account's identifier evidence counts up to this many nats (about two strong identifiers). */
export const MAX_MEMBER_EVIDENCE = 6;
/** Each shared identifier beyond an account's strongest counts for this share of its evidence. */
const OVERLAP_DISCOUNT = 0.5;
/** An identifier used by this share of a cluster's members covers the cluster (ONE_SHARED_RESOURCE). */
const COVERING_SHARE = 0.9;

/**
 * Which shared-identifier count of the cluster summary each kind adds to; identity documents
 * have their own count (`sharedIdentity`), other kinds not named here count as `sharedOther`.
 */
const summaryCountOf: Record<string, SummaryCount> = {
  device: 'sharedDevices',
  payment_instrument: 'sharedCards',
  phone: 'sharedPhones',
  email: 'sharedEmails',
  address: 'sharedAddresses',
  ip: 'sharedIps',
};
type SummaryCount = 'sharedDevices' | 'sharedCards' | 'sharedPhones' | 'sharedEmails' | 'sharedAddresses' | 'sharedIps' | 'sharedOther';
/** Classes whose sharing counts as strong (`sharedStrong`, `strongSharedIdentifiers`). */
const strongClasses: readonly KindClass[] = ['identity', 'instrument', 'contact'];

/** Everything detection reads, built once per run. */
export interface DetectionInput {
  snapshot: Snapshot;
  graph: IdentifierGraph;
  weights: IdentifierWeights;
  transactions: TransactionIndex;
  /** proximity of each account to known fraud (0 when nothing is known) */
  proximity: Float64Array;
  /**
   * When the graph holds one bucket of the night: per identifier, the accounts of the whole night
   * that use it and the known-fraud ones among them (some may sit in other buckets). Absent, the
   * graph holds the whole night and is counted itself.
   */
  night?: NightIdentifiers;
}

/** What the whole night says of each identifier of a bucket (by the bucket's identifier). */
export interface NightIdentifiers {
  accounts: Int32Array;
  fraudAccounts: Int32Array;
}

export interface AnalysisOptions {
  burstWindowDays: number;
  /** the evidence class of each kind; kinds not named are `other` */
  classes: Record<string, KindClass>;
}

/** Cluster-level features; their names are what cluster rules refer to. */
export interface ClusterFeatures {
  size: number;
  sharedIdentifiers: number;
  sharedDevices: number;
  sharedCards: number;
  sharedPhones: number;
  sharedEmails: number;
  sharedAddresses: number;
  sharedIps: number;
  sharedOther: number;
  /** distinct identity documents (national ID, passport, …) shared by members */
  sharedIdentity: number;
  /** mean identifier evidence of the members (nats, see MemberFeatures.evidence) */
  groupEvidence: number;
  /** share of members using the cluster's most used shared place (address, IP): 1 for a household under one roof */
  placeShare: number;
  /** share of members that share some address or IP with another member: near 1 for people living together */
  placeCoverage: number;
  /** members of the widest-shared identifier when it covers 90 % or more of the cluster and at most one more strong value is shared, else 0 */
  coveringMembers: number;
  /** distinct identifiers of the identity, instrument and contact classes shared by members */
  sharedStrong: number;
  /** ln(sharedStrong / 2), never below 0: a pool of devices, cards and contacts reused across a group, beyond the pair a household shares */
  strongPool: number;
  burstMembers: number;
  burstShare: number;
  /** days between the first and last creation inside the burst */
  burstDays: number;
  transactions: number;
  chargebacks: number;
  chargebackMembers: number;
  chargebackRate: number;
  /** share of members with at least one chargeback */
  chargebackShare: number;
  internalTransfers: number;
  transferCycle: number;
  knownFraudMembers: number;
  legitMembers: number;
  cardsSharedWithKnownFraud: number;
  hubLinks: number;
}

/** Member-level features; their names are what member rules refer to. */
export interface MemberFeatures {
  sharedIdentifiers: number;
  strongSharedIdentifiers: number;
  /**
   * Evidence (nats) from the identifiers the account shares with other members: each one's
   * −ln(1 − kind weight), thinner for widely shared values; the strongest in full, the others
   * discounted (OVERLAP_DISCOUNT), capped at MAX_MEMBER_EVIDENCE.
   */
  evidence: number;
  /**
   * The part of `evidence` that living together explains: `evidence` × the cluster's
   * placeCoverage. People under one roof share devices and cards, so a roof discounts what
   * sharing proves; it says nothing about sign-up bursts or chargebacks, which keep their weight.
   */
  roofedEvidence: number;
  inBurst: number;
  chargebacks: number;
  memberTransfers: number;
  /**
   * other members of the cluster that are known fraud / cleared as legitimate (the account itself
   * left out). Known fraud counts only when it shares a strong identifier (identity document,
   * device, card, contact) with the member itself: a flatmate tied by nothing but an address or
   * IP is not implicated by a blacklisted account under the same roof, nor is a household that
   * Louvain put beside a ring because one of them shares a device with one ring member. Known
   * fraud further away reaches the member through `proximity`.
   */
  otherKnownFraud: number;
  otherLegit: number;
  /** proximity to known fraud (log-scaled personalised PageRank that never starts from the account itself) */
  proximity: number;
  knownFraud: number;
  legit: number;
  hubLinks: number;
}

/** An identifier used by two or more members of a cluster. */
export interface SharedIdentifier {
  identifier: number;
  /** members of the cluster that use it */
  members: number;
}

export interface ClusterAnalysis {
  members: Int32Array;
  features: ClusterFeatures;
  memberFeatures: MemberFeatures[];
  shared: SharedIdentifier[];
}

/**
 * Measures one community: which identifiers its members share, whether they were created in a
 * burst, chargebacks, money moving between members, and known labels.
 */
export class ClusterAnalyser {
  private readonly inCluster: Uint8Array;
  /** per account: the stamp of the member whose strong ties last reached it (never cleared) */
  private readonly seenBy: Int32Array;
  /** per identifier: how many members of the cluster being analysed use it (0 again after each analysis) */
  private readonly usage: Int32Array;
  /** per account: its index among the members of the cluster being analysed (read only for members) */
  private readonly position: Int32Array;
  /** a new stamp for each member of each analysis, so that nothing seen before can match */
  private stamp = 0;
  private readonly summaryCount: (SummaryCount | null)[];
  private readonly strongKind: Uint8Array;
  private readonly identityKind: Uint8Array;
  private readonly cardKind: Uint8Array;
  private readonly placeKind: Uint8Array;

  constructor(
    private readonly input: DetectionInput,
    private readonly options: AnalysisOptions,
  ) {
    this.inCluster = new Uint8Array(input.graph.accountCount);
    this.seenBy = new Int32Array(input.graph.accountCount);
    this.usage = new Int32Array(input.graph.identifierCount);
    this.position = new Int32Array(input.graph.accountCount);
    const kinds = input.snapshot.identifiers.kinds;
    const classOf = (k: string): KindClass => options.classes[k] ?? 'other';
    this.summaryCount = kinds.map((k) => summaryCountOf[k] ?? (classOf(k) === 'identity' ? null : 'sharedOther'));
    this.strongKind = Uint8Array.from(kinds.map((k) => (strongClasses.includes(classOf(k)) ? 1 : 0)));
    this.identityKind = Uint8Array.from(kinds.map((k) => (classOf(k) === 'identity' ? 1 : 0)));
    this.cardKind = Uint8Array.from(kinds.map((k) => (k === 'payment_instrument' ? 1 : 0)));
    this.placeKind = Uint8Array.from(kinds.map((k) => (classOf(k) === 'place' ? 1 : 0)));
  }

  /**
   * Members behind one identifier that nearly all of them use, when little else strong is shared
   * beside it (a corporate card or office device, and at most one more strong value); 0 otherwise.
   */
  private coveringMembers(shared: SharedIdentifier[], size: number, sharedStrong: number): number {
    const top = shared[0];
    if (!top || top.members < COVERING_SHARE * size) return 0;
    const strongBeside = sharedStrong - this.strongKind[this.input.snapshot.identifiers.kindOf[top.identifier]!]!;
    return strongBeside <= 1 ? top.members : 0;
  }

  analyse(members: Int32Array): ClusterAnalysis {
    const { graph, weights, snapshot } = this.input;
    const kindOf = snapshot.identifiers.kindOf;
    for (const a of members) this.inCluster[a] = 1;

    // counts in a table kept between analyses, and the identifiers met in first-use order: a Map
    // per cluster costs more than the rest of the analysis on a hundred thousand communities
    const usage = this.usage;
    const used: number[] = [];
    let hubLinks = 0;
    for (const a of members) {
      for (let p = graph.accountOffsets[a]!; p < graph.accountOffsets[a + 1]!; p++) {
        const identifier = graph.accountIdentifiers[p]!;
        if (weights.hub[identifier]) hubLinks++;
        if (weights.weight[identifier] === 0) continue;
        if (usage[identifier]!++ === 0) used.push(identifier);
      }
    }
    const shared: SharedIdentifier[] = [];
    const counts: Record<SummaryCount, number> = { sharedDevices: 0, sharedCards: 0, sharedPhones: 0, sharedEmails: 0, sharedAddresses: 0, sharedIps: 0, sharedOther: 0 };
    let sharedStrong = 0;
    let sharedIdentity = 0;
    let widestPlace = 0;
    for (const identifier of used) {
      const count = usage[identifier]!;
      if (count < 2) continue;
      if (this.placeKind[kindOf[identifier]!]) widestPlace = Math.max(widestPlace, count);
      shared.push({ identifier, members: count });
      const counted = this.summaryCount[kindOf[identifier]!]!;
      if (counted !== null) counts[counted]++;
      sharedStrong += this.strongKind[kindOf[identifier]!]!;
      sharedIdentity += this.identityKind[kindOf[identifier]!]!;
    }
    shared.sort((x, y) => y.members - x.members || x.identifier - y.identifier);

    const burst = this.findBurst(members);
    const money = this.moneySignals(members);
    const label = snapshot.accounts.label;
    let knownFraudMembers = 0;
    let legitMembers = 0;
    for (const a of members) {
      if (label[a] === 1) knownFraudMembers++;
      if (label[a] === -1) legitMembers++;
    }
    const memberFeatures: MemberFeatures[] = [];
    let evidenceSum = 0;
    let placeMembers = 0;
    for (let m = 0; m < members.length; m++) {
      const a = members[m]!;
      let sharedCount = 0;
      let strong = 0;
      let memberHubs = 0;
      let evidence = 0;
      let strongest = 0;
      let sharesPlace = 0;
      let tiedKnownFraud = 0;
      // the walk over strong ties is needed only when the cluster holds known fraud besides the member
      const lookForKnownFraud = knownFraudMembers - (label[a] === 1 ? 1 : 0) > 0;
      const stamp = ++this.stamp;
      for (let p = graph.accountOffsets[a]!; p < graph.accountOffsets[a + 1]!; p++) {
        const identifier = graph.accountIdentifiers[p]!;
        if (weights.hub[identifier]) memberHubs++;
        if (usage[identifier]! < 2) continue;
        sharedCount++;
        if (this.placeKind[kindOf[identifier]!]) sharesPlace = 1;
        evidence += weights.evidence[identifier]!;
        strongest = Math.max(strongest, weights.evidence[identifier]!);
        if (this.strongKind[kindOf[identifier]!]) {
          strong++;
          if (lookForKnownFraud) {
            for (let q = graph.identifierOffsets[identifier]!; q < graph.identifierOffsets[identifier + 1]!; q++) {
              const b = graph.identifierAccounts[q]!;
              if (b === a || !this.inCluster[b] || this.seenBy[b] === stamp) continue;
              this.seenBy[b] = stamp;
              if (label[b] === 1) tiedKnownFraud++;
            }
          }
        }
      }
      // identifiers shared together (people under one roof share several) are not independent proof
      evidence = round(Math.min(MAX_MEMBER_EVIDENCE, strongest + OVERLAP_DISCOUNT * (evidence - strongest)), 3);
      placeMembers += sharesPlace;
      evidenceSum += evidence;
      const created = snapshot.accounts.createdAt[a]!;
      const knownFraud = label[a] === 1 ? 1 : 0;
      const legit = label[a] === -1 ? 1 : 0;
      memberFeatures.push({
        sharedIdentifiers: sharedCount,
        strongSharedIdentifiers: strong,
        evidence,
        roofedEvidence: 0,
        inBurst: burst.count >= 2 && created >= burst.start && created <= burst.end ? 1 : 0,
        chargebacks: money.chargebacksOf[m]!,
        memberTransfers: money.transfersOf[m]!,
        otherKnownFraud: tiedKnownFraud,
        otherLegit: legitMembers - legit,
        proximity: round(this.input.proximity[a] ?? 0, 3),
        knownFraud,
        legit,
        hubLinks: memberHubs,
      });
    }
    const placeCoverage = round(placeMembers / members.length, 3);
    for (const member of memberFeatures) member.roofedEvidence = round(member.evidence * placeCoverage, 3);

    const features: ClusterFeatures = {
      size: members.length,
      sharedIdentifiers: shared.length,
      ...counts,
      sharedIdentity,
      groupEvidence: round(evidenceSum / members.length, 3),
      placeShare: round(widestPlace / members.length, 3),
      placeCoverage,
      sharedStrong,
      strongPool: round(Math.max(0, Math.log(sharedStrong / 2)), 3),
      coveringMembers: this.coveringMembers(shared, members.length, sharedStrong),
      burstMembers: burst.count,
      burstShare: burst.count / members.length,
      burstDays: burst.count >= 2 ? Math.round((burst.last - burst.start) / DAY_MS) : 0,
      transactions: money.transactions,
      chargebacks: money.chargebacks,
      chargebackMembers: money.chargebacksOf.filter((c) => c > 0).length,
      chargebackRate: money.transactions > 0 ? money.chargebacks / money.transactions : 0,
      chargebackShare: money.chargebacksOf.filter((c) => c > 0).length / members.length,
      internalTransfers: money.internalTransfers,
      transferCycle: money.cycle ? 1 : 0,
      knownFraudMembers,
      legitMembers,
      cardsSharedWithKnownFraud: this.cardsSharedWithKnownFraud(members),
      hubLinks,
    };
    for (const a of members) this.inCluster[a] = 0;
    for (const identifier of used) usage[identifier] = 0;
    return { members, features, memberFeatures, shared };
  }

  /** The creation window (burstWindowDays long) holding the most members; earliest on ties. */
  private findBurst(members: Int32Array): { count: number; start: number; end: number; last: number } {
    const createdAt = this.input.snapshot.accounts.createdAt;
    const times: number[] = [];
    for (const a of members) if (!Number.isNaN(createdAt[a]!)) times.push(createdAt[a]!);
    times.sort((x, y) => x - y);
    const window = this.options.burstWindowDays * DAY_MS;
    let best = { count: 0, start: Number.NaN, end: Number.NaN, last: Number.NaN };
    let lo = 0;
    for (let hi = 0; hi < times.length; hi++) {
      while (times[hi]! - times[lo]! > window) lo++;
      const count = hi - lo + 1;
      if (count > best.count) best = { count, start: times[lo]!, end: times[lo]! + window, last: times[hi]! };
    }
    return best;
  }

  private moneySignals(members: Int32Array) {
    const { snapshot, transactions: index } = this.input;
    const { status, counterparty } = snapshot.transactions;
    const position = this.position;
    for (let m = 0; m < members.length; m++) position[members[m]!] = m;
    const chargebacksOf = new Array<number>(members.length).fill(0);
    const transfersOf = new Array<number>(members.length).fill(0);
    // the transfer graph is made at the first transfer between members: most clusters have none
    const searchCycles = members.length <= MAX_CYCLE_SEARCH_MEMBERS;
    let edges: Array<Set<number>> = [];
    let transactions = 0;
    let chargebacks = 0;
    let internalTransfers = 0;
    for (let m = 0; m < members.length; m++) {
      const a = members[m]!;
      for (let p = index.sentOffsets[a]!; p < index.sentOffsets[a + 1]!; p++) {
        const row = index.sent[p]!;
        transactions++;
        if (status[row] === TransactionStatus.chargeback) {
          chargebacks++;
          chargebacksOf[m]!++;
        }
        const to = counterparty[row]!;
        if (to >= 0 && to !== a && this.inCluster[to]) {
          internalTransfers++;
          transfersOf[m]!++;
          transfersOf[position[to]!]!++;
          if (searchCycles) {
            if (edges.length === 0) edges = Array.from({ length: members.length }, () => new Set());
            edges[m]!.add(position[to]!);
          }
        }
      }
    }
    return { transactions, chargebacks, chargebacksOf, transfersOf, internalTransfers, cycle: edges.length > 0 && hasCycle(edges) };
  }

  private cardsSharedWithKnownFraud(members: Int32Array): number {
    const { graph, weights, snapshot } = this.input;
    const label = snapshot.accounts.label;
    const seen = new Set<number>();
    let count = 0;
    for (const a of members) {
      for (let p = graph.accountOffsets[a]!; p < graph.accountOffsets[a + 1]!; p++) {
        const identifier = graph.accountIdentifiers[p]!;
        if (!this.cardKind[snapshot.identifiers.kindOf[identifier]!] || weights.weight[identifier] === 0 || seen.has(identifier)) continue;
        seen.add(identifier);
        const night = this.input.night;
        if (night) {
          // users in other buckets count too: the whole night's numbers
          if (night.fraudAccounts[identifier]! > 0 && night.accounts[identifier]! > night.fraudAccounts[identifier]!) count++;
          continue;
        }
        let fraudUser = false;
        let otherUser = false;
        for (let q = graph.identifierOffsets[identifier]!; q < graph.identifierOffsets[identifier + 1]!; q++) {
          if (label[graph.identifierAccounts[q]!] === 1) fraudUser = true;
          else otherUser = true;
        }
        if (fraudUser && otherUser) count++;
      }
    }
    return count;
  }
}


/** Whether a small directed graph (adjacency sets) has a cycle: iterative three-colour DFS. */
function hasCycle(edges: Array<Set<number>>): boolean {
  const colour = new Uint8Array(edges.length); // 0 new, 1 on stack, 2 done
  for (let start = 0; start < edges.length; start++) {
    if (colour[start] !== 0) continue;
    const stack: Array<[number, Iterator<number>]> = [[start, edges[start]!.values()]];
    colour[start] = 1;
    while (stack.length > 0) {
      const [node, it] = stack[stack.length - 1]!;
      const next = it.next();
      if (next.done) {
        colour[node] = 2;
        stack.pop();
        continue;
      }
      const to = next.value;
      if (colour[to] === 1) return true;
      if (colour[to] === 0) {
        colour[to] = 1;
        stack.push([to, edges[to]!.values()]);
      }
    }
  }
  return false;
}
