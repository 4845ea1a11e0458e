import { createPanHasher } from './card-number.js';
import { replaceCardNumbers } from './card-numbers-in-text.js';
import { createNormaliser, type Normalised } from './normalise-identifier.js';
import type { PanKey } from './pan-key.js';

export interface ConfiguredNormaliser {
  /** per identifier kind: canonical value, or null for placeholders */
  normalise: (kind: string, raw: string) => Normalised;
  /** every card number in a text replaced by its keyed token (`pan:` + HMAC), for every value of every table */
  tokeniseCardNumbers: (text: string) => string;
}

/** The `normalise` section of the config (config/config.ts defines it and its defaults). */
export interface NormaliserSettings {
  placeholders: readonly string[];
  defaultCountryCode: string;
  /** the environment variable that holds the card hashing key */
  panHashKeyEnv: string;
}

/**
 * What a run uses on every value it reads: the configured placeholders and country code, and the
 * card hashing key (resolved by `resolvePanKey`, which refuses a real run without one).
 */
export function configuredNormaliser(settings: NormaliserSettings, panKey: PanKey): ConfiguredNormaliser {
  const hashPan = createPanHasher(panKey.key);
  return {
    normalise: createNormaliser({ placeholders: settings.placeholders, defaultCountryCode: settings.defaultCountryCode, panHashKey: panKey.key }),
    tokeniseCardNumbers: (text) => replaceCardNumbers(text, hashPan),
  };
}
