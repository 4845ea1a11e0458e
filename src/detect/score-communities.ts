import type { Config } from '../config/config.js';
import { clusterFeatureNames, memberFeatureNames } from './model-terms.js';
import { checkRuleFeatures } from './rules.js';

/** Checked once, before any work: a rule that names no feature is a config error. */
export function checkScoringConfig(config: Config): void {
  checkRuleFeatures('cluster', config.scoring.clusterRules, clusterFeatureNames);
  checkRuleFeatures('member', config.scoring.memberRules, memberFeatureNames);
}

/**
 * A share never budgets fewer candidates than this. On a small export a share means a handful,
 * and small exports are often the ones enriched for fraud (a quarter of a 1,300-account sample
 * can be rings): the valve is for floods, not for a short list.
 */
const MIN_SHARE_BUDGET = 1000;

/** `review.maxCandidates` as a count: a whole number, or a percentage of all accounts. */
export function candidateBudget(setting: number | string, accounts: number): number {
  if (typeof setting === 'number') return setting;
  return Math.max(MIN_SHARE_BUDGET, Math.floor((Number(setting.slice(0, -1)) / 100) * accounts));
}
