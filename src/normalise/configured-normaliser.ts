import type { Logger } from '../log.js';
import { createNormaliser, type Normalised } from './normalise-identifier.js';

const DEV_PAN_KEY = 'fraud-rings-development-key';

/** The `normalise` section of the config (config/config.ts defines it and its defaults). */
export interface NormaliserSettings {
  placeholders: readonly string[];
  defaultCountryCode: string;
  /** the environment variable that holds the card hashing key */
  panHashKeyEnv: string;
}

/**
 * The normaliser a run uses: the configured placeholders and country code, and the card hashing
 * key from the environment variable the config names (a built-in development key, with a warning,
 * when it is not set).
 */
export function configuredNormaliser(settings: NormaliserSettings, log?: Logger): (kind: string, raw: string) => Normalised {
  const panKey = process.env[settings.panHashKeyEnv];
  if (!panKey) log?.warn(`${settings.panHashKeyEnv} is not set: card numbers are hashed with the built-in development key`);
  return createNormaliser({ placeholders: settings.placeholders, defaultCountryCode: settings.defaultCountryCode, panHashKey: panKey || DEV_PAN_KEY });
}
