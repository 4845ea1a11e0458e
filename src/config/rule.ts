import { z } from 'zod';

/**
 * A declarative heuristic: when a feature of a cluster (or of one member) passes a comparison,
 * the rule fires, adds its points and its reason code. Rules live in the config so that analysts
 * can read and tune them without touching code.
 */
export const RuleSchema = z.object({
  code: z.string().max(64).regex(/^[A-Z][A-Z0-9_]*$/, 'reason codes are UPPER_SNAKE_CASE'),
  feature: z.string().min(1).max(64),
  op: z.enum(['>=', '>', '<=', '<', '==']),
  value: z.number(),
  points: z.number().min(-1000).max(1000),
  description: z.string().max(500).default(''),
});
export type Rule = z.infer<typeof RuleSchema>;

export function ruleFires(rule: Rule, featureValue: number): boolean {
  switch (rule.op) {
    case '>=': return featureValue >= rule.value;
    case '>': return featureValue > rule.value;
    case '<=': return featureValue <= rule.value;
    case '<': return featureValue < rule.value;
    case '==': return featureValue === rule.value;
  }
}
