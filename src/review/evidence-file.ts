import { readNdjsonFile } from '../io/ndjson-lines.js';
import { z } from 'zod';
import type { CandidateEvidence } from '../detect/evidence.js';
import { MaterialEvidenceSchema } from './decision.js';

const ContributionSchema = z.object({
  code: z.string(),
  feature: z.string(),
  value: z.number(),
  points: z.number(),
  description: z.string(),
});

/**
 * One line of a run's `evidence.ndjson`, checked at the boundary: the review commands show and
 * copy it, so a broken file must fail by line, not print `undefined`. Unknown fields pass through
 * (the pipeline may add evidence before this reader knows it).
 */
export const CandidateEvidenceSchema = z.looseObject({
  accountId: z.string().min(1),
  clusterId: z.string().min(1),
  evidenceVersion: z.string().min(1),
  material: MaterialEvidenceSchema,
  score: z.number(),
  clusterScore: z.number(),
  clusterSummary: z.string(),
  clusterContributions: z.array(ContributionSchema),
  memberContributions: z.array(ContributionSchema),
  model: z.object({ source: z.enum(['learned', 'prior']), fraudLabels: z.number(), intercept: z.number(), calibration: z.string().optional() }),
  sharedIdentifiers: z.array(z.object({ kind: z.string(), value: z.string(), accounts: z.number(), clusterMembers: z.number() })),
  hubs: z.array(z.object({ kind: z.string(), value: z.string(), accounts: z.number() })),
  pathsToBlacklisted: z.array(z.object({ blacklistedAccountId: z.string(), path: z.array(z.string()) })),
  transactions: z.object({ transactions: z.number(), chargebacks: z.number(), transfersWithMembers: z.number() }),
  reopened: z.object({ rejectedBy: z.string(), rejectedAt: z.string(), changes: z.array(z.string()) }).optional(),
}) satisfies z.ZodType<CandidateEvidence>;

/** Reads an evidence file line by line (it can outgrow one string); false when there is none. */
export function readEvidenceFile(path: string, onItem: (e: CandidateEvidence) => void): Promise<boolean> {
  return readNdjsonFile(path, CandidateEvidenceSchema, 'candidate evidence', onItem);
}
