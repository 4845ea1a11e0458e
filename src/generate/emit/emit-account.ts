import { DAY, SNAPSHOT_AT, isoUtc, laterThan } from '../calendar.js';
import { COUNTRIES } from '../places.js';
import { Prng } from '../prng.js';
import { Stream } from '../streams.js';
import { Role } from '../world.js';
import type { EmitContext } from './emit-context.js';
import type { IdentifierEmitter } from './emit-identifiers.js';
import { emitTransactions } from './emit-transactions.js';

export interface EmittedCounts {
  identifiers: number;
  transactions: number;
  labels: number;
}

const FRAUD_SOURCES = ['chargeback_review', 'manual_review', 'customer_report'];
const LEGIT_SOURCES = ['kyc_review', 'manual_review'];
const STATUSES = ['active', 'dormant', 'closed'];
const STATUS_WEIGHTS = [90, 6, 4];

/**
 * Writes everything about account i: its account row, identifiers, transactions, label (if any)
 * and its truth row (tables the world does not have are skipped). Each account draws from its own random streams, so rows depend on the seed
 * and the account only.
 */
export function emitAccount(ctx: EmitContext, identifiers: IdentifierEmitter, i: number, counts: EmittedCounts): void {
  const world = ctx.world;
  const prng = Prng.from(world.seed, Stream.account, i);
  const id = ctx.accountId(i);
  const created = world.createdAt[i]!;
  const role = world.role[i]!;

  // Seed labels: some ring members; a few honest accounts cleared as legit, fewer wrongly flagged.
  const mix = world.spec.labels;
  let label: 'fraud' | 'legit' | null = null;
  let source = '';
  if (world.fraudLabel[i] === 1) {
    label = 'fraud';
    source = prng.pick(FRAUD_SOURCES);
  } else if (role !== Role.ring && role !== Role.loneFraud) {
    const r = prng.float();
    if (r < mix.honestLegit) {
      label = 'legit';
      source = prng.pick(LEGIT_SOURCES);
    } else if (r < mix.honestLegit + mix.honestFraud) {
      label = 'fraud';
      source = prng.pick(['customer_report', 'manual_review']);
    }
  } else if (mix.ringLegit > 0 && prng.chance(mix.ringLegit)) {
    // A fraudster cleared by mistake.
    label = 'legit';
    source = prng.pick(LEGIT_SOURCES);
  }

  const status = label === 'fraud' ? 'blocked' : STATUSES[prng.weighted(STATUS_WEIGHTS)]!;
  ctx.writers.accounts.row([id, isoUtc(created), COUNTRIES[world.country[i]!]!.code, status]);
  counts.identifiers += identifiers.emit(i, prng);
  if (ctx.writers.transactions) counts.transactions += emitTransactions(ctx, ctx.writers.transactions, i, Prng.from(world.seed, Stream.accountTransactions, i));
  if (label !== null && ctx.writers.labels) {
    ctx.writers.labels.row([id, label, source, isoUtc(laterThan(Math.min(created + 5 * DAY, SNAPSHOT_AT - DAY), 120 * DAY, prng.float()))]);
    counts.labels++;
  }
  // A fraudster alone is fraud but no ring: it makes no pairs and counts as no ring found.
  const ring = world.ringOf[i]!;
  const inRing = ring >= 0 && world.rings[ring]!.members.length >= 2;
  ctx.writers.truth.row([id, inRing ? ctx.ringId(ring) : '', role === Role.ring || role === Role.loneFraud ? '1' : '0']);
}
