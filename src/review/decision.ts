import { z } from 'zod';
import type { MaterialEvidence } from '../detect/evidence.js';

export const MaterialEvidenceSchema = z.object({
  sharedIdentifiers: z.array(z.string()),
  blacklistedLinks: z.array(z.string()),
}) satisfies z.ZodType<MaterialEvidence>;

export const DecisionKindSchema = z.enum(['approve', 'reject']);
export type DecisionKind = z.infer<typeof DecisionKindSchema>;

/**
 * One reviewer decision on one account: a line of `review/decisions.ndjson`. It carries the
 * evidence it was made on (version and material facts, and the reason codes the run gave), so a
 * later run can tell whether a rejected account came back with materially new evidence, and the
 * blacklist export can say why without the run folder (which retention may have pruned).
 */
export const DecisionSchema = z.object({
  accountId: z.string().min(1),
  decision: DecisionKindSchema,
  by: z.string().min(1),
  at: z.iso.datetime({ offset: true }),
  note: z.string().default(''),
  clusterId: z.string().min(1),
  runId: z.string().min(1),
  /** `none` when the run had no evidence.ndjson for the account */
  evidenceVersion: z.string().min(1),
  material: MaterialEvidenceSchema,
  /** reason codes of the candidate in the run the decision was made on */
  reasons: z.array(z.string()).default([]),
  source: z.enum(['cli', 'neo4j']),
  /** fingerprint of the card hashing key of the run decided on: its card tokens are comparable only under that key */
  panKeyFingerprint: z.string().optional(),
});
export type Decision = z.infer<typeof DecisionSchema>;

/** Past tense for people: `approved`, `rejected`. */
export function decidedWord(decision: DecisionKind): 'approved' | 'rejected' {
  return decision === 'approve' ? 'approved' : 'rejected';
}
