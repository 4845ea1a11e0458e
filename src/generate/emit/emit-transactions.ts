import { DAY, SNAPSHOT_AT, isoUtc, laterThan } from '../calendar.js';
import { COUNTRIES } from '../places.js';
import type { Prng } from '../prng.js';
import { Role } from '../world.js';
import type { TableWriter } from '../write/table-writer.js';
import type { EmitContext } from './emit-context.js';

/** Honest card payments: settled, refunded, declined, charged back (0.5 %). */
const HONEST_STATUS_WEIGHTS = [94.5, 2.5, 2.5, 0.5];
const STATUSES = ['settled', 'refunded', 'declined', 'chargeback'] as const;

/**
 * Writes the transactions account i sent: card payments to merchants (empty counterparty) and
 * transfers to other accounts. Ring members pay bigger amounts soon after sign-up, charge back
 * at their ring's rate (a quarter of them never do) and move money to fellow members.
 */
export function emitTransactions(ctx: EmitContext, writer: TableWriter, i: number, prng: Prng): number {
  const world = ctx.world;
  const created = world.createdAt[i]!;
  const role = world.role[i]!;
  const currency = COUNTRIES[world.country[i]!]!.currency;
  let rows = 0;
  const write = (counterparty: string, amount: number, at: number, status: string): void => {
    const id = 'T' + String(ctx.nextTransaction++).padStart(10, '0');
    writer.row([id, ctx.accountId(i), counterparty, Math.round(amount * 100) / 100, currency, isoUtc(at), status]);
    rows++;
  };

  const mix = world.spec.transactions;
  if (role === Role.ring && !mix.fraudAsUsers) {
    const ring = world.rings[world.ringOf[i]!]!;
    const chargebackRate = prng.chance(0.25) ? 0 : ring.chargebackRate;
    const payments = prng.int(1, 4);
    for (let k = 0; k < payments; k++) {
      const status = prng.chance(chargebackRate) ? 'chargeback' : prng.chance(0.08) ? 'declined' : 'settled';
      write('', Math.exp(5 + 0.8 * prng.normal()), laterThan(created, 60 * DAY, prng.float()), status);
    }
    for (let t = 0; t < ring.transfers.length; t += 2) {
      if (ring.transfers[t] !== i) continue;
      const to = ring.transfers[t + 1]!;
      const after = Math.max(created, world.createdAt[to]!);
      write(ctx.accountId(to), Math.exp(5.5 + 0.7 * prng.normal()), laterThan(after, 30 * DAY, prng.float()), 'settled');
    }
    return rows;
  }

  const fraud = role === Role.ring || role === Role.loneFraud;
  const group = mix.groups ? groupOf(ctx, i) : null;
  const counts = fraud && mix.fraudAsUsers ? mix.fraudAsUsers.counts : group !== null ? mix.groups!.counts : mix.honestCounts;
  const count = world.thin[i] === 1 ? (prng.chance(0.3) ? 1 : 0) : prng.weighted(counts);
  for (let k = 0; k < count; k++) {
    const at = laterThan(created, SNAPSHOT_AT, prng.float());
    if (prng.chance(mix.transferShare)) {
      const to = fraud && mix.fraudAsUsers && prng.chance(mix.fraudAsUsers.toFraud) ? otherFraudster(ctx, i, prng) : mix.groups ? groupPartner(ctx, i, group, mix.groups.inside, prng) : transferPartner(ctx, i, prng);
      write(ctx.accountId(to), Math.exp(4 + prng.normal()), at, 'settled');
      continue;
    }
    let status: string = STATUSES[prng.weighted(HONEST_STATUS_WEIGHTS)]!;
    if (status === 'chargeback' && role === Role.businessFamily) status = 'settled';
    write('', Math.exp(3.4 + prng.normal()), at, status);
  }
  return rows;
}

/** Family money stays in the family; otherwise any account (fraudsters receive from victims too). */
function transferPartner(ctx: EmitContext, i: number, prng: Prng): number {
  const world = ctx.world;
  const household = world.householdOf[i]!;
  if (household >= 0) {
    const from = world.householdStart[household]!;
    const size = world.householdStart[household + 1]! - from;
    const other = world.householdMembers[from + prng.int(0, size - 2)]!;
    return other === i ? world.householdMembers[from + size - 1]! : other;
  }
  let other = prng.int(0, world.accounts - 1);
  if (other === i) other = (other + 1) % world.accounts;
  return other;
}

/** The members of account i's group (its household, or its ring of two or more), or null. */
function groupOf(ctx: EmitContext, i: number): ArrayLike<number> | null {
  const world = ctx.world;
  const household = world.householdOf[i]!;
  if (household >= 0) return world.householdMembers.subarray(world.householdStart[household]!, world.householdStart[household + 1]!);
  const ring = world.ringOf[i]!;
  if (ring >= 0 && world.rings[ring]!.members.length >= 2) return world.rings[ring]!.members;
  return null;
}

/** A fellow member of the group for the `inside` share of transfers; anybody otherwise. */
function groupPartner(ctx: EmitContext, i: number, group: ArrayLike<number> | null, inside: number, prng: Prng): number {
  if (group !== null && prng.chance(inside)) {
    const other = group[prng.int(0, group.length - 2)]!;
    return other === i ? group[group.length - 1]! : other;
  }
  return anybodyBut(ctx, i, prng);
}

/** Money passed on to another fraudster: a mule, an accomplice, a cash-out account. */
function otherFraudster(ctx: EmitContext, i: number, prng: Prng): number {
  const fraudsters = ctx.world.fraudsters;
  if (fraudsters.length < 2) return anybodyBut(ctx, i, prng);
  const other = fraudsters[prng.int(0, fraudsters.length - 1)]!;
  return other === i ? fraudsters[(fraudsters.indexOf(i) + 1) % fraudsters.length]! : other;
}

function anybodyBut(ctx: EmitContext, i: number, prng: Prng): number {
  const other = prng.int(0, ctx.world.accounts - 1);
  return other === i ? (other + 1) % ctx.world.accounts : other;
}
