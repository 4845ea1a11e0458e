import type { Normalised } from './canonical.js';
import { createPanHasher, isPanShaped } from './card-number.js';
import { canonicaliseGeneric } from './generic.js';

// Spaces and dashes are formatting in every payment instrument spelling (cards, IBANs, masked
// numbers); removing them makes `4111 11** **** 1111` and `411111******1111` link.
const FORMATTING = /[ \-\u2010-\u2015]/g;
const HAS_FORMATTING = /[ \-\u2010-\u2015]/;
// Dots count as separators only for the card-number check (`4111.1111.1111.1111`): a missed PAN
// would be stored raw. Elsewhere they are kept (wallet ids can be e-mail addresses).
const DOTS = /\./g;

/**
 * Payment instruments are usually tokens or masked numbers, kept as generic text without spaces
 * and dashes. A raw card number (13–19 digits, Luhn-valid, once separators are removed) is
 * replaced by its keyed hash; its digits are never returned.
 */
export function createPaymentInstrumentCanonicaliser(panHashKey: string): (clean: string) => NonNullable<Normalised> {
  const hashPan = createPanHasher(panHashKey);
  return (clean) => {
    const compact = HAS_FORMATTING.test(clean) ? clean.replace(FORMATTING, '') : clean;
    const first = compact.charCodeAt(0);
    // Cheap reject before any regex or hashing: every PAN starts with a digit.
    if (first >= 0x30 && first <= 0x39 && compact.length >= 13) {
      const digits = compact.indexOf('.') === -1 ? compact : compact.replace(DOTS, '');
      if (isPanShaped(digits)) return { value: hashPan(digits), hashed: true };
    }
    return { value: canonicaliseGeneric(compact), hashed: false };
  };
}
