import { COUNTRIES } from '../places.js';
import { EMAIL_DOMAINS, BURNER_DOMAINS, FIRST_NAMES, LAST_NAMES, pickDomain } from '../people.js';
import { Prng, fmix32 } from '../prng.js';
import { Stream } from '../streams.js';
import { UniqueNumbers, bitsFor } from '../unique-numbers.js';
import { sharedDeliveryAddress, spellAddress, streetAddress } from '../values/address.js';
import { deviceId, respellDevice } from '../values/device.js';
import { burnerEmail, emailAddress } from '../values/email.js';
import { IPV4_BITS, ipv4, ipv6, respellIpv4 } from '../values/ip.js';
import { nationalId } from '../values/national-id.js';
import { cardNumber, paymentToken, spellCardNumber } from '../values/payment-instrument.js';
import { nationalNumber, spellPhone } from '../values/phone.js';
import { SHARED_STYLE_COUNT, SharedStyle, sharedStyleKind, type IdentifierKind, type World } from '../world.js';

/** Share of processor tokens that are raw card numbers instead (the pipeline must hash those). */
const RAW_CARD_SHARE = 0.1;

/**
 * Turns slots into identifier values. Every kind has one slot space: own identifiers of account
 * i take slots derived from i, shared identifiers take slots after all the own ones (per style,
 * in style order). Each space goes through a keyed bijection, so values never collide by accident.
 */
export class IdentifierValues {
  private readonly world: World;
  private readonly emails: UniqueNumbers;
  private readonly phones: UniqueNumbers;
  private readonly addresses: UniqueNumbers;
  private readonly cards: UniqueNumbers;
  private readonly ips: UniqueNumbers;
  private readonly nationalIds: UniqueNumbers;
  /** First slot of each shared style within its kind's space. */
  private readonly sharedBase: Int32Array;

  constructor(world: World) {
    this.world = world;
    const n = world.accounts;
    const key = (k: number): number => fmix32(world.seed * 31 + Stream.uniqueNumbers * 1009 + k);
    this.sharedBase = new Int32Array(SHARED_STYLE_COUNT);
    const sharedTotal = new Map<IdentifierKind, number>();
    const ownSlots: Partial<Record<IdentifierKind, number>> = { phone: n, address: n, payment_instrument: 2 * n, ip: 3 * n, national_id: n };
    for (let style = 0 as SharedStyle; style < SHARED_STYLE_COUNT; style++) {
      const kind = sharedStyleKind[style];
      const before = sharedTotal.get(kind) ?? 0;
      this.sharedBase[style] = (ownSlots[kind] ?? 0) + before;
      sharedTotal.set(kind, before + world.shared.count(style));
    }
    const total = (kind: IdentifierKind): number => (ownSlots[kind] ?? 0) + (sharedTotal.get(kind) ?? 0);
    this.emails = new UniqueNumbers(bitsFor(n), key(1));
    this.phones = new UniqueNumbers(bitsFor(total('phone')), key(2));
    this.addresses = new UniqueNumbers(bitsFor(total('address')), key(3));
    this.cards = new UniqueNumbers(bitsFor(total('payment_instrument')), key(4));
    this.ips = new UniqueNumbers(IPV4_BITS, key(5));
    this.nationalIds = new UniqueNumbers(bitsFor(total('national_id')), key(6));
    if (this.phones.bits > 26 || this.cards.bits > 29 || total('ip') > this.ips.size) {
      throw new RangeError(`generate: ${n} accounts exceed the identifier spaces of the generator`);
    }
  }

  // ---- own identifiers of account i ----

  email(i: number, prng: Prng, ring: boolean): string {
    const country = COUNTRIES[this.world.country[i]!]!;
    const unique = this.emails.of(i);
    if (ring && prng.chance(0.4)) return burnerEmail(unique, pickDomain(BURNER_DOMAINS, prng.float()), prng);
    const first = prng.pick(FIRST_NAMES);
    const household = this.world.householdOf[i]!;
    // Many household members share a surname.
    const last =
      household >= 0 && prng.chance(0.6) ? LAST_NAMES[fmix32(this.world.seed ^ (household * 2654435761)) % LAST_NAMES.length]! : prng.pick(LAST_NAMES);
    return emailAddress(first, last, unique, pickDomain(EMAIL_DOMAINS[country.code], prng.float()), prng);
  }

  phone(i: number, prng: Prng): string {
    const country = COUNTRIES[this.world.country[i]!]!.code;
    return spellPhone(country, nationalNumber(country, this.phones.of(i), prng), false, prng);
  }

  address(i: number, prng: Prng): string {
    return spellAddress(streetAddress(this.world.country[i]!, this.addresses.of(i)), prng);
  }

  /**
   * The account's k-th card of its own. Raw card numbers have two slots per account: cards past
   * the second (worlds where users hold many) are always processor tokens.
   */
  paymentInstrument(i: number, k: number, prng: Prng): string {
    if (k > 1 || !prng.chance(RAW_CARD_SHARE)) return paymentToken(prng);
    return spellCardNumber(cardNumber(this.cards.of(2 * i + k), prng), prng);
  }

  /** k = 0, 1 or 2: an account has at most three IPs of its own. */
  ip(i: number, k: number, prng: Prng): string {
    return prng.chance(0.12) ? ipv6(prng) : ipv4(this.ips.of(3 * i + k));
  }

  device(prng: Prng): string {
    return deviceId(prng);
  }

  nationalId(i: number, prng: Prng): string {
    return nationalId(this.nationalIds.of(i), prng);
  }

  // ---- shared identifiers ----

  /**
   * The value of shared identifier (style, id) as one writer spells it. What the identifier is
   * comes from the identifier's own stream; how it is written comes from the writer's.
   */
  shared(style: SharedStyle, id: number, writer: Prng): string {
    const entity = Prng.from(this.world.seed, Stream.sharedValue, style, id);
    const slot = this.sharedBase[style]! + id;
    const country = this.world.shared.country(style, id);
    switch (sharedStyleKind[style]) {
      case 'address': {
        const unique = this.addresses.of(slot);
        const address = style === SharedStyle.lockerAddress ? sharedDeliveryAddress(country, unique, id) : streetAddress(country, unique);
        return spellAddress(address, writer);
      }
      case 'device':
        return respellDevice(deviceId(entity), writer);
      case 'payment_instrument':
        return entity.chance(RAW_CARD_SHARE) ? spellCardNumber(cardNumber(this.cards.of(slot), entity), writer) : paymentToken(entity);
      case 'phone': {
        const code = COUNTRIES[country]!.code;
        return spellPhone(code, nationalNumber(code, this.phones.of(slot), entity), true, writer);
      }
      case 'ip':
        return respellIpv4(ipv4(this.ips.of(slot)), writer);
      case 'national_id':
        // One document, one suffix letter; now and then a writer spaces it the other way.
        return nationalId(this.nationalIds.of(slot), entity, writer.chance(0.15) ? writer : entity);
      default:
        throw new Error(`no shared values for style ${style}`);
    }
  }
}
