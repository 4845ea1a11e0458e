import type { PlanContext } from '../plan/plan-context.js';
import type { Prng } from '../prng.js';
import type { HubCounts, IdentifierKind, Ring } from '../world.js';

export const worldNames = ['current', 'identity-only', 'household-p2p', 'slow-quiet', 'look-alikes', 'noisy-labels', 'giant-component', 'p2p-real'] as const;
export type WorldName = (typeof worldNames)[number];

/** Snapshot columns a world may write; `account_id` and the identifier's kind and value always exist. */
export type AccountColumn = 'account_id' | 'created_at' | 'country' | 'status';
export type IdentifierColumn = 'account_id' | 'kind' | 'value' | 'first_seen' | 'last_seen';

/**
 * How likely an account is to carry an identifier of its own, per kind (where the kind has a
 * choice): the rest of an account's own identifiers follow the emitter's fixed habits.
 */
export interface OwnIdentifierRates {
  phone: number;
  ringPhone: number;
  nationalId: number;
  /**
   * true: a shared phone or national ID (a family's phone, a ring's) replaces the account's own,
   * so every account has exactly one. false: only a recycled number does (today's world).
   */
  sharedReplacesOwn: boolean;
  /**
   * How many cards and devices of its own an account holds (fraudsters may hold more). Absent:
   * today's habits (0–2 cards, one device, now and then two; a ring member's pool stands in).
   */
  cards?: (prng: Prng, fraud: boolean) => number;
  devices?: (prng: Prng, fraud: boolean) => number;
}

export interface TransactionMix {
  /** Relative weights of an honest account sending 0, 1, 2, ... transactions. */
  honestCounts: readonly number[];
  /** Share of an honest account's transactions that are transfers to another account. */
  transferShare: number;
  /**
   * Members of a group (a household, or a ring when fraudsters transact as users) send
   * `counts` instead, and only the `inside` share of their transfers goes to a fellow member.
   * Absent: household members send `honestCounts`, every transfer inside the household.
   */
  groups?: { counts: readonly number[]; inside: number };
  /**
   * Fraudsters transact as users do (transfers, no card payments or chargebacks of their own:
   * what gave them away is the label, when they carry one), sending `counts`, and pass the
   * `toFraud` share of their transfers to another fraudster. Absent: ring members pay by card,
   * charge back at their ring's rate and move money inside the ring.
   */
  fraudAsUsers?: { counts: readonly number[]; toFraud: number };
}

export interface LabelMix {
  /** Honest accounts labelled legit. */
  honestLegit: number;
  /** Honest accounts wrongly labelled fraud. */
  honestFraud: number;
  /** Ring members not labelled fraud that are labelled legit (cleared by mistake). */
  ringLegit: number;
}

/** What the planners made, beyond the per-account arrays. */
export interface PlannedWorld {
  rings: Ring[];
  families: number;
  households: { start: Int32Array; members: Int32Array };
  hubs: HubCounts;
}

/**
 * A world: a small declarative description of what the snapshot holds (identifier kinds, tables,
 * columns, label and transaction mixes) and the planners that populate it, in order.
 */
export interface WorldSpec {
  name: WorldName;
  /** One line: what the world plants and why it is hard. */
  summary: string;
  kinds: readonly IdentifierKind[];
  columns: { accounts: readonly AccountColumn[]; identifiers: readonly IdentifierColumn[] };
  tables: { transactions: boolean; labels: boolean };
  own: OwnIdentifierRates;
  transactions: TransactionMix;
  labels: LabelMix;
  plan(ctx: PlanContext): PlannedWorld;
}

export const ALL_ACCOUNT_COLUMNS: readonly AccountColumn[] = ['account_id', 'created_at', 'country', 'status'];
export const ALL_IDENTIFIER_COLUMNS: readonly IdentifierColumn[] = ['account_id', 'kind', 'value', 'first_seen', 'last_seen'];

/** Today's habits, shared by the worlds that only change what is planted. */
export const CURRENT_OWN: OwnIdentifierRates = { phone: 0.74, ringPhone: 0.7, nationalId: 0.02, sharedReplacesOwn: false };
export const CURRENT_TRANSACTIONS: TransactionMix = { honestCounts: [22, 33, 25, 12, 8], transferShare: 0.06 };
export const CURRENT_LABELS: LabelMix = { honestLegit: 0.005, honestFraud: 0.0002, ringLegit: 0 };
