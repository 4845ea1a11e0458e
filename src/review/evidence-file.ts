import { z } from 'zod';
import type { CandidateEvidence } from '../detect/evidence.js';
import { InputError } from '../errors.js';
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
  sharedIdentifiers: z.array(z.object({ kind: z.string(), value: z.string(), accounts: z.number(), clusterMembers: z.number() })),
  hubs: z.array(z.object({ kind: z.string(), value: z.string(), accounts: z.number() })),
  pathsToBlacklisted: z.array(z.object({ blacklistedAccountId: z.string(), path: z.array(z.string()) })),
  transactions: z.object({ transactions: z.number(), chargebacks: z.number(), transfersWithMembers: z.number() }),
  reopened: z.object({ rejectedBy: z.string(), rejectedAt: z.string(), changes: z.array(z.string()) }).optional(),
}) satisfies z.ZodType<CandidateEvidence>;

export function parseEvidenceLines(text: string, path: string): CandidateEvidence[] {
  const evidence: CandidateEvidence[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.trim() === '') continue;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch {
      throw new InputError(`${path} line ${i + 1} is not JSON`);
    }
    const parsed = CandidateEvidenceSchema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new InputError(`${path} line ${i + 1} is not candidate evidence: ${issue.path.join('.') || 'line'}: ${issue.message}`);
    }
    evidence.push(parsed.data);
  }
  return evidence;
}
