import type { LoadOptions } from '../snapshot/load-snapshot.js';
import type { Config } from './config.js';

/** The config's input section as the load reads it. */
export function inputSettings(config: Pick<Config, 'input'>): Pick<LoadOptions, 'maxRejectShare' | 'tables' | 'accountIdsAreKeys'> {
  return { maxRejectShare: config.input.maxRejectShare, tables: config.input.tables, accountIdsAreKeys: config.input.accountIdsAreKeys };
}
