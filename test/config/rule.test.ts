import { describe, expect, it } from 'vitest';
import { defaultClusterRules, defaultMemberRules } from '../../src/config/default-rules.js';
import { RuleSchema, ruleFires, type Rule } from '../../src/config/rule.js';

const rule = (op: Rule['op'], value: number): Rule => ({ code: 'R', feature: 'f', op, value, points: 1, description: '' });

describe('ruleFires', () => {
  it('applies each comparison to the feature value', () => {
    expect([1, 2, 3].map((v) => ruleFires(rule('>=', 2), v))).toEqual([false, true, true]);
    expect([1, 2, 3].map((v) => ruleFires(rule('>', 2), v))).toEqual([false, false, true]);
    expect([1, 2, 3].map((v) => ruleFires(rule('<=', 2), v))).toEqual([true, true, false]);
    expect([1, 2, 3].map((v) => ruleFires(rule('<', 2), v))).toEqual([true, false, false]);
    expect([1, 2, 3].map((v) => ruleFires(rule('==', 2), v))).toEqual([false, true, false]);
  });
});

describe('the default rules', () => {
  it('are valid rules with unique reason codes', () => {
    for (const rules of [defaultClusterRules, defaultMemberRules]) {
      for (const r of rules) expect(RuleSchema.parse(r)).toEqual(r);
      expect(new Set(rules.map((r) => r.code)).size).toBe(rules.length);
    }
  });
});
