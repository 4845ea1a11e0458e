import { DAY, SNAPSHOT_AT, isoUtc, laterThan } from '../calendar.js';
import type { Prng } from '../prng.js';
import { placeholderValue } from '../values/placeholders.js';
import { emailVariant } from '../values/email.js';
import { Role, SharedStyle, identifierKinds, sharedStyleKind, type IdentifierKind, type SharedStyle as Style } from '../world.js';
import type { EmitContext } from './emit-context.js';

/** Share of an account's own identifier rows that carry a placeholder instead of a value. */
const PLACEHOLDER_RATE = 0.011;

/** How many cards (0–2) and IPs (1–3) an honest account has of its own, as equally likely draws. */
const OWN_CARDS = [0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2, 2];
const OWN_IPS = [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2, 2, 2, 3];

const HOME_ADDRESS: ReadonlySet<Style> = new Set([SharedStyle.householdAddress, SharedStyle.familyAddress, SharedStyle.dropAddress]);

/**
 * Writes the identifier rows of one account: its own identifiers (e-mail, phone, devices,
 * address, cards, IPs, sometimes a national id) and the shared ones the world gave it, grouped
 * by kind. One instance serves every account (no closures per account: this runs a million times).
 */
export class IdentifierEmitter {
  private id = '';
  private created = 0;
  private prng!: Prng;
  private rows = 0;
  private readonly kinds: readonly IdentifierKind[];

  constructor(private readonly ctx: EmitContext) {
    // Kinds the world does not have are never written, not even as placeholders.
    const present = new Set(ctx.world.spec.kinds);
    this.kinds = identifierKinds.filter((kind) => present.has(kind));
  }

  /** Returns the number of rows written for account i. */
  emit(i: number, prng: Prng): number {
    const ctx = this.ctx;
    const world = ctx.world;
    this.id = ctx.accountId(i);
    this.created = world.createdAt[i]!;
    this.prng = prng;
    this.rows = 0;
    const created = this.created;
    const role = world.role[i]!;
    const ring = role === Role.ring;
    const fraud = ring || role === Role.loneFraud;
    const thin = world.thin[i] === 1;
    const { start, style, id: linkId } = world.links;
    const from = start[i]!;
    const to = start[i + 1]!;

    let hasHomeAddress = false;
    const own = world.spec.own;
    let hasSharedPhone = false;
    let hasSharedNationalId = false;
    let hasRingDevice = false;
    let hasRingCard = false;
    let sharedIps = 0;
    for (let k = from; k < to; k++) {
      const s = style[k] as Style;
      if (HOME_ADDRESS.has(s)) hasHomeAddress = true;
      else if (s === SharedStyle.coincidencePhone || (own.sharedReplacesOwn && sharedStyleKind[s] === 'phone')) hasSharedPhone = true;
      else if (own.sharedReplacesOwn && sharedStyleKind[s] === 'national_id') hasSharedNationalId = true;
      else if (s === SharedStyle.ringDevice) hasRingDevice = true;
      else if (s === SharedStyle.ringCard) hasRingCard = true;
      else if (sharedStyleKind[s] === 'ip') sharedIps++;
    }

    for (const kind of this.kinds) {
      switch (kind) {
        case 'email': {
          const email = ctx.values.email(i, prng, ring);
          this.own('email', email, created);
          if (!thin && prng.chance(0.03)) this.write('email', emailVariant(email, prng), this.soon());
          break;
        }
        case 'phone':
          if (!thin && !hasSharedPhone && prng.chance(ring ? own.ringPhone : own.phone)) this.own('phone', ctx.values.phone(i, prng), created);
          break;
        case 'device': {
          const count = own.devices ? own.devices(prng, fraud) : todaysDevices(prng, thin, ring, hasRingDevice);
          for (let k = 0; k < count; k++) this.own('device', ctx.values.device(prng), this.soon());
          break;
        }
        case 'address':
          if (!thin && !hasHomeAddress && prng.chance(ring ? 0.6 : 0.78)) this.own('address', ctx.values.address(i, prng), this.soon());
          break;
        case 'payment_instrument': {
          const count = own.cards ? own.cards(prng, fraud) : todaysCards(prng, thin || hasRingCard, ring || role === Role.businessFamily);
          for (let k = 0; k < count; k++) this.own('payment_instrument', ctx.values.paymentInstrument(i, k, prng), this.soon());
          break;
        }
        case 'ip': {
          const wanted = thin ? 1 : OWN_IPS[prng.int(0, OWN_IPS.length - 1)]!;
          // A shared home, office or public IP stands in for one of the account's own.
          const count = Math.max(sharedIps > 0 ? 0 : 1, wanted - sharedIps);
          for (let k = 0; k < count; k++) this.own('ip', ctx.values.ip(i, k, prng), this.soon());
          break;
        }
        case 'national_id':
          if (!thin && !hasSharedNationalId && prng.chance(own.nationalId)) this.own('national_id', ctx.values.nationalId(i, prng), this.soon());
          break;
      }
      for (let k = from; k < to; k++) {
        const s = style[k] as Style;
        if (sharedStyleKind[s] === kind) this.write(kind, ctx.values.shared(s, linkId[k]!, prng), this.soon());
      }
    }
    return this.rows;
  }

  private write(kind: IdentifierKind, value: string, firstSeen: number): void {
    const lastSeen = laterThan(firstSeen, SNAPSHOT_AT, this.prng.float());
    this.ctx.writers.identifiers.row([this.id, kind, value, isoUtc(firstSeen), isoUtc(lastSeen)]);
    this.rows++;
  }

  /** The account's own identifier, now and then replaced by a placeholder. */
  private own(kind: IdentifierKind, value: string, firstSeen: number): void {
    this.write(kind, this.prng.chance(PLACEHOLDER_RATE) ? placeholderValue(kind, this.prng) : value, firstSeen);
  }

  /** First seen within 20 days of sign-up. */
  private soon(): number {
    return laterThan(this.created, 20 * DAY, this.prng.float());
  }
}

/** Today's devices of an account's own: a ring member's pool device mostly stands in for its own. */
function todaysDevices(prng: Prng, thin: boolean, ring: boolean, hasRingDevice: boolean): number {
  if (thin) return prng.chance(0.6) ? 1 : 0;
  if (ring) return hasRingDevice ? (prng.chance(0.35) ? 1 : 0) : 1;
  return prng.chance(0.08) ? 2 : 1;
}

/** Today's cards of an account's own: none beside a ring card, one for a ring member or a business family member. */
function todaysCards(prng: Prng, none: boolean, one: boolean): number {
  if (none) return 0;
  if (one) return 1;
  return OWN_CARDS[prng.int(0, OWN_CARDS.length - 1)]!;
}
