import { UserError } from '../errors.js';
import { textCanonicaliser, type Canonicaliser, type Normalised } from './canonical.js';
import { cleanText } from './clean-text.js';
import { canonicaliseAddress } from './address.js';
import { canonicaliseDevice } from './device.js';
import { canonicaliseEmail } from './email.js';
import { canonicaliseGeneric } from './generic.js';
import { canonicaliseIp } from './ip.js';
import { MAX_VALUE_LENGTH, digestLongValue } from './long-value.js';
import { createPaymentInstrumentCanonicaliser } from './payment-instrument.js';
import { createPhoneCanonicaliser } from './phone.js';
import { isZeroFiller } from './placeholders.js';

export type { Normalised } from './canonical.js';
export { defaultPlaceholders } from './placeholders.js';

export interface NormaliseOptions {
  /** Compared after canonicalisation, case-insensitively. */
  placeholders: readonly string[];
  /** Secret key for hashing raw card numbers. */
  panHashKey: string;
  /** Digits, e.g. '44': the country of national phone numbers written with a leading 0. */
  defaultCountryCode: string;
}

interface KindRules {
  canonicalise: Canonicaliser;
  /** The placeholder list run through this kind's rules, so both sides compare canonically. */
  placeholders: ReadonlySet<string>;
}

const COUNTRY_CODE = /^[1-9][0-9]{0,2}$/;

/**
 * Builds the per-row normaliser: cleans the text (NFC, whitespace), applies the kind's rules
 * (unknown kinds get the generic ones), drops placeholders and zero filler (→ null), and replaces
 * values longer than MAX_VALUE_LENGTH by a digest. Never throws on data; throws a UserError on
 * unusable options.
 */
export function createNormaliser(opts: NormaliseOptions): (kind: string, raw: string) => Normalised {
  validate(opts);

  const canonicalisers: ReadonlyArray<[string, Canonicaliser]> = [
    ['email', textCanonicaliser(canonicaliseEmail)],
    ['phone', textCanonicaliser(createPhoneCanonicaliser(opts.defaultCountryCode))],
    ['address', textCanonicaliser(canonicaliseAddress)],
    ['payment_instrument', createPaymentInstrumentCanonicaliser(opts.panHashKey)],
    ['device', textCanonicaliser(canonicaliseDevice)],
    ['ip', textCanonicaliser(canonicaliseIp)],
  ];
  const byKind = new Map<string, KindRules>();
  for (const [kind, canonicalise] of canonicalisers) {
    byKind.set(kind, { canonicalise, placeholders: canonicalPlaceholders(canonicalise, opts.placeholders) });
  }
  const genericCanonicalise = textCanonicaliser(canonicaliseGeneric);
  const generic: KindRules = {
    canonicalise: genericCanonicalise,
    placeholders: canonicalPlaceholders(genericCanonicalise, opts.placeholders),
  };

  return (kind, raw) => {
    const rules = byKind.get(kind) ?? generic;
    return normaliseWith(rules, raw);
  };
}

function normaliseWith(rules: KindRules, raw: string): Normalised {
  const clean = cleanText(raw);
  if (clean.length === 0) return null;
  const out = rules.canonicalise(clean);
  if (out === null) return null;
  const value = out.value;
  if (value.length === 0 || isZeroFiller(value) || rules.placeholders.has(value)) return null;
  if (value.length > MAX_VALUE_LENGTH) return { value: digestLongValue(value), hashed: true };
  return out;
}

function canonicalPlaceholders(canonicalise: Canonicaliser, placeholders: readonly string[]): ReadonlySet<string> {
  const set = new Set<string>();
  for (const placeholder of placeholders) {
    const clean = cleanText(placeholder);
    if (clean.length === 0) continue;
    const out = canonicalise(clean);
    if (out !== null) set.add(out.value.toLowerCase());
  }
  return set;
}

function validate(opts: NormaliseOptions): void {
  if (typeof opts.panHashKey !== 'string' || opts.panHashKey.length === 0) {
    throw new UserError('normalise: panHashKey must be a non-empty secret');
  }
  if (typeof opts.defaultCountryCode !== 'string' || !COUNTRY_CODE.test(opts.defaultCountryCode)) {
    throw new UserError(
      `normalise: defaultCountryCode must be 1–3 digits without '+', got ${JSON.stringify(opts.defaultCountryCode)}`,
    );
  }
  if (!Array.isArray(opts.placeholders) || opts.placeholders.some((p) => typeof p !== 'string')) {
    throw new UserError('normalise: placeholders must be a list of strings');
  }
}
