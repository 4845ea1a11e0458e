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

  if (role === Role.ring) {
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

  const mix = world.spec.transactions;
  const count = world.thin[i] === 1 ? (prng.chance(0.3) ? 1 : 0) : prng.weighted(mix.honestCounts);
  for (let k = 0; k < count; k++) {
    const at = laterThan(created, SNAPSHOT_AT, prng.float());
    if (prng.chance(mix.transferShare)) {
      write(ctx.accountId(transferPartner(ctx, i, prng)), Math.exp(4 + prng.normal()), at, 'settled');
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
