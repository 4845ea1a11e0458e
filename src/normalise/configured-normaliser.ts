import { createPanHasher } from './card-number.js';
import { replaceCardNumbers } from './card-numbers-in-text.js';
import { createNormaliser, type NormaliseOptions, type Normalised } from './normalise-identifier.js';
import type { PanKey } from './pan-key.js';

export interface ConfiguredNormaliser {
  /** per identifier kind: canonical value, or null for placeholders */
  normalise: (kind: string, raw: string) => Normalised;
  /** every card number in a text replaced by its keyed token (`pan:` + HMAC), for every value of every table */
  tokeniseCardNumbers: (text: string) => string;
  /** the same normaliser's options, for a worker thread that normalises identifier values ahead of the loader */
  normaliseAhead: { options: NormaliseOptions; minBytes: number; tokenisesCardNumbers: boolean };
}

/** identifiers.csv smaller than this is read on one thread: a worker costs more to start than it saves. */
const NORMALISE_AHEAD_MIN_BYTES = 64 << 20;

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
  const options: NormaliseOptions = { placeholders: settings.placeholders, defaultCountryCode: settings.defaultCountryCode, panHashKey: panKey.key };
  return {
    normalise: createNormaliser(options),
    tokeniseCardNumbers: (text) => replaceCardNumbers(text, hashPan),
    // tokeniseCardNumbers above is keyed with options.panHashKey, so the worker can tokenise too
    normaliseAhead: { options, minBytes: NORMALISE_AHEAD_MIN_BYTES, tokenisesCardNumbers: true },
  };
}
