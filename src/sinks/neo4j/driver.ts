import neo4j, { type Driver } from 'neo4j-driver';
import { version } from '../../version.js';
import type { ConnectionSettings } from './connection-settings.js';
import { describeNeo4jError } from './neo4j-errors.js';

export interface DriverOptions {
  /** how long managed transactions retry transient errors (deadlocks, a restarting server) */
  retrySeconds: number;
  /** how long to wait for a TCP connection before calling the server unreachable */
  connectSeconds?: number;
}

/**
 * Creates the driver and proves it can work: connectivity and credentials, then a round trip to
 * the configured database (verifyConnectivity alone does not notice a missing database; that
 * surfaces at the first statement, which is the migrations, so the caller runs them next).
 * Failures a user can fix become SinkUnavailableError.
 */
export async function openDriver(settings: ConnectionSettings, options: DriverOptions): Promise<Driver> {
  let driver: Driver;
  try {
    driver = neo4j.driver(settings.uri, neo4j.auth.basic(settings.user, settings.password), {
      maxTransactionRetryTime: options.retrySeconds * 1000,
      connectionTimeout: (options.connectSeconds ?? 15) * 1000,
      userAgent: `fraud-rings/${version}`,
      maxConnectionPoolSize: 16,
    });
  } catch (err) {
    throw describeNeo4jError(err, settings, { step: 'connect' }) ?? err;
  }
  try {
    await driver.verifyConnectivity({ database: settings.database });
  } catch (err) {
    await driver.close().catch(() => undefined);
    throw describeNeo4jError(err, settings, { step: 'connect' }) ?? err;
  }
  return driver;
}
