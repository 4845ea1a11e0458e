import { ruleFires, type Rule } from '../config/rule.js';
import { UserError } from '../errors.js';

/** One rule that fired: what it looked at, what it saw, and what it added. */
export interface Contribution {
  code: string;
  feature: string;
  value: number;
  points: number;
  description: string;
}

export interface RuleOutcome {
  points: number;
  contributions: Contribution[];
}

export function applyRules(rules: readonly Rule[], features: object): RuleOutcome {
  const values = features as Record<string, number>;
  let points = 0;
  const contributions: Contribution[] = [];
  for (const rule of rules) {
    const value = values[rule.feature]!;
    if (!ruleFires(rule, value)) continue;
    points += rule.points;
    contributions.push({ code: rule.code, feature: rule.feature, value, points: rule.points, description: rule.description });
  }
  return { points, contributions };
}

/** Rules name features; a typo in the config must fail the run before any work, not silently never fire. */
export function checkRuleFeatures(kind: string, rules: readonly Rule[], known: readonly string[]): void {
  for (const rule of rules) {
    if (!known.includes(rule.feature)) {
      throw new UserError(`config: ${kind} rule ${rule.code} refers to unknown feature ${rule.feature} (known: ${known.join(', ')})`);
    }
  }
}
