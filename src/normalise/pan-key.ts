import { createHmac } from 'node:crypto';
import { UserError } from '../errors.js';

/** The development key: public (it is in the source), so only for demos and tests. */
export const DEVELOPMENT_PAN_KEY = 'fraud-rings-development-key';

/** Setting this environment variable to `1` asks for the development key, like `--dev-pan-key`. */
export const ALLOW_DEVELOPMENT_KEY_ENV = 'FRAUD_RINGS_ALLOW_DEV_PAN_KEY';

/** A real key is at least this long: a short one can be searched as easily as the card numbers. */
export const MIN_PAN_KEY_LENGTH = 16;

export interface PanKey {
  key: string;
  /** identifies the key in manifests and decisions without revealing it */
  fingerprint: string;
  development: boolean;
}

export interface PanKeyOptions {
  /** the environment variable holding the key (config `normalise.panHashKeyEnv`) */
  envName: string;
  /** the development key was asked for explicitly (`--dev-pan-key`) */
  allowDevelopmentKey?: boolean;
  env?: NodeJS.ProcessEnv;
}

/**
 * The key for hashing card numbers. A run refuses to start without one (exit 2) unless the
 * development key is asked for explicitly, by flag or by FRAUD_RINGS_ALLOW_DEV_PAN_KEY=1.
 */
export function resolvePanKey(options: PanKeyOptions): PanKey {
  const env = options.env ?? process.env;
  const key = env[options.envName];
  if (key) {
    if (key.length < MIN_PAN_KEY_LENGTH) throw new UserError(`${options.envName} is too short: a card hashing key needs at least ${MIN_PAN_KEY_LENGTH} characters`);
    return { key, fingerprint: panKeyFingerprint(key), development: key === DEVELOPMENT_PAN_KEY };
  }
  if (options.allowDevelopmentKey || env[ALLOW_DEVELOPMENT_KEY_ENV] === '1') {
    return { key: DEVELOPMENT_PAN_KEY, fingerprint: panKeyFingerprint(DEVELOPMENT_PAN_KEY), development: true };
  }
  throw new UserError(
    `${options.envName} is not set: card numbers need a secret hashing key (for a demo or a test, ask for the public development key with --dev-pan-key or ${ALLOW_DEVELOPMENT_KEY_ENV}=1)`,
  );
}

/** A keyed digest of a fixed label: tells keys apart, and says nothing about the key or any card. */
export function panKeyFingerprint(key: string): string {
  return createHmac('sha256', key).update('fraud-rings pan key fingerprint v1').digest('hex').slice(0, 16);
}
