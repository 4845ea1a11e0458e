import { describe, expect, it } from 'vitest';
import { applyRules, checkRuleFeatures } from '../../src/detect/rules.js';
import { UserError } from '../../src/errors.js';

const rules = [
  { code: 'TWO_DEVICES', feature: 'sharedDevices', op: '>=' as const, value: 2, points: 20, description: 'd' },
  { code: 'FEW', feature: 'size', op: '<' as const, value: 3, points: -10, description: 's' },
  { code: 'EXACT', feature: 'size', op: '==' as const, value: 2, points: 5, description: 'e' },
];

describe('rules', () => {
  it('adds the points of every rule that fires and says which fired', () => {
    const outcome = applyRules(rules, { sharedDevices: 3, size: 2 });
    expect(outcome.points).toBe(15);
    expect(outcome.contributions.map((c) => [c.code, c.value, c.points])).toEqual([['TWO_DEVICES', 3, 20], ['FEW', 2, -10], ['EXACT', 2, 5]]);
    expect(applyRules(rules, { sharedDevices: 1, size: 5 }).contributions).toEqual([]);
  });

  it('refuses a rule that names an unknown feature', () => {
    expect(() => checkRuleFeatures('cluster', rules, ['size'])).toThrow(UserError);
    expect(() => checkRuleFeatures('cluster', rules, ['size'])).toThrow(/rule TWO_DEVICES refers to unknown feature sharedDevices/);
    expect(() => checkRuleFeatures('cluster', rules, ['size', 'sharedDevices'])).not.toThrow();
  });
});
