import { UserError } from '../errors.js';
import type { Normalised } from './canonical.js';
import { cleanText } from './clean-text.js';
import { canonicaliseAddress } from './address.js';
import { canonicaliseDevice } from './device.js';
import { canonicaliseEmail } from './email.js';
import { canonicaliseGeneric } from './generic.js';
import { canonicaliseIdentityDocument } from './identity-document.js';
import { canonicaliseIp } from './ip.js';
import { MAX_VALUE_LENGTH, digestLongValue } from './long-value.js';
import { createPaymentInstrumentCanonicaliser } from './payment-instrument.js';
import { createPhoneCanonicaliser } from './phone.js';
import { isZeroFiller } from './placeholders.js';
import { createPanHasher } from './card-number.js';
import { replaceCardNumbers } from './card-numbers-in-text.js';

export type { Normalised } from './canonical.js';
export { defaultPlaceholders } from './placeholders.js';

export interface NormaliseOptions {
  /** Compared after canonicalisation, case-insensitively. */
  placeholders: readonly string[];
  /** Secret key for hashing raw card numbers. */
  panHashKey: string;
  /**
   * Digits, e.g. '44': the export's home country. Phones link on their national number whatever
   * it is; with 1 (North America) a leading `011` is also read as the international prefix.
   */
  defaultCountryCode: string;
}

const COUNTRY_CODE = /^[1-9][0-9]{0,2}$/;
const CARD_TOKEN = /^pan:[0-9a-f]{32}$/;

/**
 * Builds the per-row normaliser: cleans the text (NFC, whitespace), applies the kind's rules
 * (unknown kinds get the generic ones), drops placeholders and zero filler (→ null), and replaces
 * values longer than MAX_VALUE_LENGTH by a digest. Never throws on data; throws a UserError on
 * unusable options.
 *
 * Cleaning lowercases every value and the kind rules keep it so, and placeholders go through the
 * same cleaning and rules once, here: matching is then an exact Set lookup.
 */
export function createNormaliser(opts: NormaliseOptions): (kind: string, raw: string) => Normalised {
  validate(opts);
  const phone = createPhoneCanonicaliser(opts.defaultCountryCode);
  const paymentInstrument = createPaymentInstrumentCanonicaliser(opts.panHashKey);

  // The loader replaces card numbers in every value before it normalises (so that no raw card
  // number reaches a row, a reject or a log): a placeholder that holds one (`4111 1111 1111 1111`
  // typed as a test card) arrives tokenised, and is matched in both spellings.
  const hashPan = createPanHasher(opts.panHashKey);
  const spellings = opts.placeholders.flatMap((placeholder) => {
    const tokenised = replaceCardNumbers(placeholder, hashPan);
    return tokenised === placeholder ? [placeholder] : [placeholder, tokenised];
  });
  const placeholdersFor = (rule: (clean: string) => string | null): ReadonlySet<string> => {
    const set = new Set<string>();
    for (const placeholder of spellings) {
      const clean = cleanText(placeholder);
      const value = clean.length === 0 ? null : rule(clean);
      if (value !== null) set.add(value);
    }
    return set;
  };
  const email = placeholdersFor(canonicaliseEmail);
  const phones = placeholdersFor(phone);
  const address = placeholdersFor(canonicaliseAddress);
  const payment = placeholdersFor((clean) => paymentInstrument(clean).value);
  const device = placeholdersFor(canonicaliseDevice);
  const ip = placeholdersFor(canonicaliseIp);
  const generic = placeholdersFor(canonicaliseGeneric);
  // a value that is a whole card token is looked up as it is (see below)
  const tokens = placeholdersFor((clean) => (CARD_TOKEN.test(clean) ? clean : null));
  const documents = placeholdersFor(canonicaliseIdentityDocument);

  // A switch with direct calls: no per-row Map lookup or closure indirection, and any kind not
  // listed (username, customer_ref, ...) falls to the generic rules.
  return (kind, raw) => {
    const clean = cleanText(raw);
    if (clean.length === 0) return null;
    // a card number already replaced by its token (in any column, before normalising): the token
    // is the value, whatever the kind; a phone's digit rules would otherwise mangle it
    if (CARD_TOKEN.test(clean)) return accept(clean, true, tokens);
    if (kind === 'phone' && clean.includes('pan:')) return accept(canonicaliseGeneric(clean), false, generic);
    switch (kind) {
      case 'email':
        return accept(canonicaliseEmail(clean), false, email);
      case 'phone':
        return accept(phone(clean), false, phones);
      case 'address':
        return accept(canonicaliseAddress(clean), false, address);
      case 'payment_instrument': {
        const out = paymentInstrument(clean);
        return accept(out.value, out.hashed, payment);
      }
      case 'device':
        return accept(canonicaliseDevice(clean), false, device);
      case 'ip':
        return accept(canonicaliseIp(clean), false, ip);
      case 'national_id':
      case 'passport':
      case 'tax_id':
      case 'ssn':
        return accept(canonicaliseIdentityDocument(clean), false, documents);
      default:
        return accept(canonicaliseGeneric(clean), false, generic);
    }
  };
}

function accept(value: string | null, hashed: boolean, placeholders: ReadonlySet<string>): Normalised {
  if (value === null || value.length === 0 || isZeroFiller(value) || placeholders.has(value)) return null;
  if (value.length > MAX_VALUE_LENGTH) return { value: digestLongValue(value), hashed: true };
  return { value, hashed };
}

function validate(opts: NormaliseOptions): void {
  if (typeof opts.panHashKey !== 'string' || opts.panHashKey.length === 0) {
    throw new UserError('normalise: panHashKey must be a non-empty secret');
  }
  if (typeof opts.defaultCountryCode !== 'string' || !COUNTRY_CODE.test(opts.defaultCountryCode)) {
    throw new UserError(
      `normalise: defaultCountryCode must be 1–3 digits without '+' or a leading 0, got ${JSON.stringify(opts.defaultCountryCode)}`,
    );
  }
  if (!Array.isArray(opts.placeholders) || opts.placeholders.some((p) => typeof p !== 'string')) {
    throw new UserError('normalise: placeholders must be a list of strings');
  }
}
